// The bench's one markdown table, the machine it ran on, and the README section that keeps the latest of both.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { AckRow } from '../ack-latency';
import type { AdminScaleResult } from '../admin-scale';
import type { CampaignResult } from '../campaign';
import type { EnterpriseSyncResult } from '../enterprise-sync';
import { longMs, mb, ms, ratio } from './stats';

export const ACK_RATIO_TARGET = 1.5;
export const CAMPAIGN_RATIO_TARGET = 1.1;
export const STATUS_MS_TARGET = 1_000;
export const PEAK_BYTES_TARGET = 300 * 1024 * 1024;

export interface BenchResults {
  startedAt: Date;
  durationMs: number;
  /** Absent when `--only` left the part out. */
  ack?: AckRow[];
  /** How many runs of how long each ack figure is the median of. */
  ackRuns: { reps: number; durationMs: number };
  campaign?: CampaignResult;
  admin?: AdminScaleResult;
  enterprise?: EnterpriseSyncResult;
  loadBefore: number[];
  loadAfter: number[];
}

function cpuModel(): string {
  try {
    const line = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1].trim();
  } catch {
    // Not Linux: Node's own answer below.
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

function cores(): number {
  try {
    return Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    return os.cpus().length;
  }
}

export function machine(): string {
  return `${cores()} cores (nproc), ${cpuModel()}, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const yes = (met: boolean) => (met ? 'yes' : '**no**');
const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(' / ');

/** One ack row's figures: the measured app ÷ the bare app at p50 and p99, and requests either left unacked. */
function ackComparison(row: AckRow): { p50: number; p99: number; failures: number; ratios: string } {
  const p50 = row.subject.p50 / row.bare.p50;
  const p99 = row.subject.p99 / row.bare.p99;
  const failures = row.subject.failures + row.bare.failures;
  return { p50, p99, failures, ratios: `${ratio(p50)} / ${ratio(p99)}${failures ? ` · ${failures} not acked` : ''}` };
}

export function renderTable(results: BenchResults): string {
  const rows: string[][] = [];
  for (const row of results.ack ?? []) {
    const { p50, p99, failures, ratios } = ackComparison(row);
    rows.push([
      `Ack latency, ${row.kind}, ${row.rate} req/s (p50 / p99)`,
      `Slotline ${ms(row.subject.p50)} / ${ms(row.subject.p99)} · bare Bolt ${ms(row.bare.p50)} / ${ms(row.bare.p99)} · overhead ${ratios}`,
      `overhead ≤ ${ACK_RATIO_TARGET}×`,
      yes(p50 <= ACK_RATIO_TARGET && p99 <= ACK_RATIO_TARGET && failures === 0),
    ]);
  }
  const c = results.campaign;
  if (c) {
    const campaignRatio = c.wallMs / c.minimumMs;
    rows.push([
      `Reminder campaign, ${c.employees.toLocaleString('en-US')} employees, Slack limits ×${c.scale}`,
      `${ms(c.wallMs)} vs ${ms(c.minimumMs)} minimum (${ratio(campaignRatio)}) · ${c.duplicates} duplicates · ${c.lost} lost · ${c.rateLimited} answered 429`,
      `≤ ${CAMPAIGN_RATIO_TARGET}× · 0 · 0`,
      yes(campaignRatio <= CAMPAIGN_RATIO_TARGET && c.duplicates === 0 && c.lost === 0),
    ]);
  }
  const a = results.admin;
  if (a) {
    rows.push([
      `\`/integrations status\`, ${a.members.toLocaleString('en-US')} employees`,
      `${ms(a.statusMs)} · peak ${mb(a.statusPeakBytes)}`,
      `< ${ms(STATUS_MS_TARGET)} · < ${mb(PEAK_BYTES_TARGET)}`,
      yes(a.statusMs < STATUS_MS_TARGET && a.statusPeakBytes < PEAK_BYTES_TARGET),
    ]);
    rows.push([
      `Readiness CSV, ${a.members.toLocaleString('en-US')} employees`,
      `${ms(a.csvMs)} (${mb(a.csvBytes)} file) · peak ${mb(a.csvPeakBytes)}`,
      `< ${mb(PEAK_BYTES_TARGET)}`,
      yes(a.csvPeakBytes < PEAK_BYTES_TARGET),
    ]);
    rows.push([`Roster sync, ${a.members.toLocaleString('en-US')} members (first import)`, ms(a.rosterSyncMs), '—', '—']);
  }
  const e = results.enterprise;
  if (e) rows.push(enterpriseRow(e));
  return ['| Measure | Result | Target | Met |', '|---|---|---|---|', ...rows.map((cells) => `| ${cells.join(' | ')} |`)].join('\n');
}

const count = (n: number) => n.toLocaleString('en-US');

/** `--ack-calibrate`: two identical bare apps measured as Slotline and bare Bolt are; each ratio is the method's noise. */
export function renderCalibration(rows: AckRow[], ackRuns: BenchResults['ackRuns']): string {
  const lines = rows.map((row) => `| ${row.kind}, ${row.rate} req/s | ${ms(row.subject.p50)} / ${ms(row.subject.p99)} | ${ms(row.bare.p50)} / ${ms(row.bare.p99)} | ${ackComparison(row).ratios} |`);
  return [
    '| Ack latency (p50 / p99) | Second bare app | Bare app | Ratio (1.00× is no difference) |',
    '|---|---|---|---|',
    ...lines,
    '',
    `Two identical bare Bolt apps, each figure the median over ${ackRuns.reps} runs of ${ackRuns.durationMs / 1000} s, on ${machine()}.`,
  ].join('\n');
}

function enterpriseRow(e: EnterpriseSyncResult): string[] {
  const notAsked = e.people - e.peopleRequested;
  const asked = `${notAsked > 0 ? ` · **${count(notAsked)} never planned**` : ''}${e.askedTwice > 0 ? ` · **${count(e.askedTwice)} planned twice**` : ''}`;
  const requests = (minimum: string) => `${count(e.requests)} requests (${count(e.batches)} ${e.batches === 1 ? 'batch' : 'batches'}${minimum}) · ${count(e.rateLimited)} answered 429`;
  let result: string;
  if (e.done) {
    result = `${longMs(e.wallMs)} vs ${longMs(e.minimumMs)} minimum (${ratio(e.wallMs / e.minimumMs)}) · ${requests('')} · ${count(e.connected)} connected, ${count(e.failed)} failed${asked}`;
  } else {
    const schedule =
      e.scheduleMs !== null && e.projectedMinimumMs !== null && e.projectedRequests !== null
        ? `Slotline’s schedule for everyone: ${longMs(e.scheduleMs)} vs ${longMs(e.projectedMinimumMs)} minimum for the ~${count(e.projectedRequests)} requests it needs (${ratio(e.scheduleMs / e.projectedMinimumMs)})`
        : 'no schedule yet';
    result = [
      `not done in the ${ms(e.budgetMs)} budget: ${count(e.succeeded + e.failed)} of ${count(e.people)} final${asked}, ${requests(`; ${ms(e.minimumMs)} minimum for them`)}`,
      `all ${count(e.planned)} planned in ${e.planningMs === null ? 'n/a' : ms(e.planningMs)}`,
      schedule,
    ].join(' · ');
  }
  return [
    `Enterprise Connect sync, ${count(e.people)} people, Cronofy limits (${e.limit.perSecond}/s, ${e.limit.perMinute}/min)`,
    result,
    '0 answered 429 · everyone planned, once',
    yes(e.rateLimited === 0 && notAsked <= 0 && e.askedTwice === 0),
  ];
}

export function renderNotes(results: BenchResults): string {
  const scale = results.campaign?.scale ?? '?';
  return [
    `Run ${results.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}; load average ${load(results.loadBefore)} before, ${load(results.loadAfter)} after; ${ms(results.durationMs)} in all.`,
    `Each ack figure is the median over ${results.ackRuns.reps} runs of ${results.ackRuns.durationMs / 1000} s of each run’s p50 and p99, Slotline and a bare Bolt app giving the same answers with none of Slotline’s work behind them (the same help text posted to the response_url after a slash command’s ack, the same field error for the form; each app in its own process) taking turns at the same open-loop rate from the Slack simulator; the overhead is Slotline ÷ bare Bolt. Each run starts with a full garbage collection in the app measured, so the garbage an earlier run left does not decide where this run’s collections fall (\`--ack-calibrate\` measures two identical bare apps this way: how far apart they come out is the method’s noise).`,
    `The campaign runs against the Slack simulator enforcing Slack’s limits multiplied by ${scale}; the minimum is (employees − burst) ÷ rate for chat.postMessage’s workspace budget as the simulator models it (300 a minute, burst 300), both ×${scale}.`,
    'Status runs in a freshly started Slotline process (after the roster sync and a seeded mix of connection states), and the CSV export right after it in the same process, as an admin would run them; peak is that process’s peak resident memory (the kernel’s VmHWM, reset before each), which includes what it holds when idle and, for the CSV, what status left in the heap.',
    ...(results.enterprise ? [enterpriseNote(results.enterprise)] : []),
  ].join('\n');
}

function enterpriseNote(e: EnterpriseSyncResult): string {
  const perPerson = e.requestsPerPerson === null ? '' : `; ${e.requestsPerPerson.toFixed(2)} per final person measured here`;
  return [
    `Enterprise Connect runs against the Cronofy simulator enforcing Cronofy’s default per-application limits (${e.limit.perSecond} requests a second, ${e.limit.perMinute} a minute): the admin links the domain through \`/integrations enterprise\`, the link button and Cronofy’s consent page; one person in 100 has no mailbox (their request fails with a reason); the time runs from the admin’s return to Slotline until every person’s request is final (calendar connected, or failed).`,
    `The minimum is the least time those limits allow for the Cronofy requests Slotline made (counted in the simulator, 429s apart). A sync costs one request per batch of ${e.pacing.batchSize} and three per connected person (code exchange, userinfo, push channel${perPerson}), and Slotline spends ${e.pacing.callsPerMinute} calls a minute on it, leaving the rest of the limit to interactive work.`,
    `Slotline’s process used ${longMs(e.cpuMs)} of CPU in the measured ${longMs(e.wallMs)}.`,
    e.done
      ? ''
      : `At these limits a ${count(e.people)}-person sync takes far longer than this bench may run, so it is measured for ${ms(e.budgetMs)} (planning, pacing, 429s) and its end is Slotline’s own schedule; \`npx tsx bench/run.ts --only=enterprise --enterprise-budget=0\` runs it to the end.`,
  ]
    .filter(Boolean)
    .join(' ');
}

const BEGIN = '<!-- bench:begin (npm run bench -- --readme rewrites this section) -->';
const END = '<!-- bench:end -->';

export function writeReadme(file: string, table: string, notes: string): void {
  const readme = fs.readFileSync(file, 'utf8');
  const section = `${BEGIN}\n${table}\n\n${notes.split('\n').join('\n\n')}\n${END}`;
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`${file} has no bench section markers`);
  fs.writeFileSync(file, `${readme.slice(0, start)}${section}${readme.slice(end + END.length)}`);
}
