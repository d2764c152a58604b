// Acknowledgement latency under a steady request rate: Slotline against a bare Bolt app giving the same answers, the same
// requests from the Slack simulator, measured side by side (alternating runs) in one process each. Calibrating, a
// second bare app takes Slotline's place: how far apart two equal apps come out is the method's own noise.
import { WebClient } from '@slack/web-api';
import { startAppProcess, type AppProcess, type Scratch } from './support/app-host';
import { median, ms, percentile, until } from './support/stats';
import { ADMIN, createWorld, memberId, TEAM, type World } from './support/world';

export type AckKind = 'slash command' | 'button click' | 'modal submission';
export const ACK_KINDS: AckKind[] = ['slash command', 'button click', 'modal submission'];

export interface AckFigures {
  p50: number;
  p99: number;
  failures: number;
}

export interface AckRow {
  kind: AckKind;
  rate: number;
  /** Medians over the runs of each run's p50 and p99: the app measured (Slotline, or a second bare app when calibrating). */
  subject: AckFigures;
  bare: AckFigures;
}

/**
 * Who is measured against the bare app: Slotline, or (`calibrate`) a second, identical bare app, which shows how far
 * apart two equal apps come out, the method's own noise.
 */
export type AckSubject = 'slotline' | 'calibrate';

const BARE_USER = memberId(0);
/** The calibrating second bare app's person (each person has one scheduling form open). */
const SECOND_BARE_USER = memberId(1);
const WARM_UP_MS = 1_500;
/** A Connect button as Slotline's checklist has them: clicking it only needs an ack. */
const LINK_BUTTON = 'onboarding_connect_calendar_google';

interface Target {
  name: 'subject' | 'bare';
  /** As the per-run log names it. */
  label: string;
  app: AppProcess;
  /** The scheduling form this app's modal-submitting person has open. */
  viewId: string;
  userId: string;
}

async function openLoop(rate: number, durationMs: number, send: () => Promise<{ status: number }>): Promise<{ latencies: number[]; failures: number }> {
  const total = Math.round((rate * durationMs) / 1000);
  const latencies: number[] = [];
  let failures = 0;
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const sent = performance.now();
    inFlight.push(
      send().then(
        (result) => {
          if (result.status === 200) latencies.push(performance.now() - sent);
          else failures += 1;
        },
        () => {
          failures += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return { latencies, failures };
}

/**
 * A full collection in the measured app before each run. Without it, the garbage one run leaves decides where the
 * next collections fall; the runs repeat in the same order, so a slow collection kept landing in the same figure's
 * runs of the same process: two identical bare apps measured against each other came out 0.47–3.09× apart at p99.
 */
async function startFromCollectedHeap(app: AppProcess): Promise<void> {
  await app.call('gc');
  await new Promise((resolve) => setTimeout(resolve, 100));
}

/** Slotline's scheduling form, as `/schedule-interview` opened it. */
async function openSchedulingForm(world: World, target: AppProcess): Promise<{ id: string; spec: Record<string, unknown> }> {
  world.slack.setAppUrl(`${target.url}/slack/events`);
  await world.slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/schedule-interview' });
  const form = await until('the scheduling form', async () => world.slack.openModals(ADMIN, TEAM).find((view) => view.spec.callback_id === 'schedule_interview_form'), 10_000);
  return { id: form.id, spec: form.spec };
}

/** The same form for a bare app's person, so both apps receive submissions of the same size. */
async function openBareForm(world: World, bot: WebClient, spec: Record<string, unknown>, userId: string): Promise<string> {
  const { type, callback_id, title, submit, close, blocks, private_metadata } = spec;
  const view = { type, callback_id, title, submit, close, blocks, private_metadata } as unknown as Parameters<WebClient['views']['open']>[0]['view'];
  const opened = await bot.views.open({ trigger_id: world.slack.issueTriggerId(TEAM, userId), view });
  return opened.view?.id as string;
}

export async function benchAckLatency(
  scratch: Scratch,
  options: { rates: number[]; reps: number; durationMs: number; subject?: AckSubject; log(line: string): void; /** Also logs each run's figures (to see the spread behind a median). */ logRuns?: boolean },
): Promise<AckRow[]> {
  const world = await createWorld({ members: 20 });
  const slotline = await startAppProcess({ kind: 'slotline', env: world.env(scratch.freshDatabase('ack'), scratch.dir) });
  const bare = await startAppProcess({ kind: 'bare', env: world.env(scratch.freshDatabase('ack-bare'), scratch.dir) });
  const secondBare = options.subject === 'calibrate' ? await startAppProcess({ kind: 'bare', env: world.env(scratch.freshDatabase('ack-bare-2'), scratch.dir) }) : undefined;
  try {
    await until('the roster import', async () => (await slotline.call<number>('employee-count')) === 21, 60_000);
    const bot = new WebClient(world.botToken, { slackApiUrl: world.slack.apiUrl });
    const posted = await bot.chat.postMessage({
      channel: ADMIN,
      text: 'Connect your calendar',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: LINK_BUTTON, text: { type: 'plain_text', text: 'Google' }, url: 'https://example.com/l/x' }] }],
    });
    const button = { channel: posted.channel as string, ts: posted.ts as string };
    const form = await openSchedulingForm(world, slotline);
    const subject: Target = secondBare
      ? { name: 'subject', label: 'second bare', app: secondBare, viewId: await openBareForm(world, bot, form.spec, SECOND_BARE_USER), userId: SECOND_BARE_USER }
      : { name: 'subject', label: 'slotline', app: slotline, viewId: form.id, userId: ADMIN };
    // Calibrating, Slotline only opened the form: it does not run beside the two bare apps.
    if (secondBare) await slotline.stop();
    const targets: Target[] = [subject, { name: 'bare', label: 'bare', app: bare, viewId: await openBareForm(world, bot, form.spec, BARE_USER), userId: BARE_USER }];
    const send = (kind: AckKind, target: Target) => {
      if (kind === 'slash command') return world.slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'help' });
      if (kind === 'button click') return world.slack.clickButton({ teamId: TEAM, userId: ADMIN, actionId: LINK_BUTTON, in: button });
      return world.slack.submitView({ teamId: TEAM, userId: target.userId, viewId: target.viewId, values: { candidate_email: { value: { value: 'not an email' } } } });
    };

    // Unmeasured warm-up: both apps compile their code paths (JIT, lazily loaded modules) before the clock runs.
    for (const target of targets) {
      world.slack.setAppUrl(`${target.app.url}/slack/events`);
      for (const kind of ACK_KINDS) await openLoop(Math.min(...options.rates), WARM_UP_MS, () => send(kind, target));
    }
    options.log('ack latency: warmed up');

    const runs = new Map<string, Array<{ p50: number; p99: number; failures: number }>>();
    for (let rep = 0; rep < options.reps; rep += 1) {
      for (const rate of options.rates) {
        for (const kind of ACK_KINDS) {
          // Alternate which app goes first, so drift during the bench does not favour one.
          for (const target of rep % 2 === 0 ? targets : [...targets].reverse()) {
            world.slack.setAppUrl(`${target.app.url}/slack/events`);
            await startFromCollectedHeap(target.app);
            const { latencies, failures } = await openLoop(rate, options.durationMs, () => send(kind, target));
            const key = `${kind}|${rate}|${target.name}`;
            const run = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures };
            runs.set(key, [...(runs.get(key) ?? []), run]);
            if (options.logRuns) options.log(`  ${kind} at ${rate}/s, ${target.label}: p50 ${ms(run.p50)}, p99 ${ms(run.p99)}, slowest ${ms(Math.max(...latencies))} of ${latencies.length}`);
            // Slotline's work after the ack (answers, jobs) finishes before the next run starts.
            await new Promise((resolve) => setTimeout(resolve, 300));
          }
        }
        options.log(`ack latency: run ${rep + 1}/${options.reps} at ${rate}/s done`);
      }
    }
    const figures = (key: string): AckFigures => {
      const list = runs.get(key) ?? [];
      return { p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)), failures: list.reduce((sum, r) => sum + r.failures, 0) };
    };
    return options.rates.flatMap((rate) => ACK_KINDS.map((kind) => ({ kind, rate, subject: figures(`${kind}|${rate}|subject`), bare: figures(`${kind}|${rate}|bare`) })));
  } finally {
    await Promise.allSettled([slotline.stop(), bare.stop(), secondBare?.stop()]);
    await world.stop();
  }
}
