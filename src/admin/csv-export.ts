// The readiness CSV export: a durable job that evaluates everyone once, shows live progress in the admin's DM,
// uploads the file there and ends with the summary counted from the very rows it wrote.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import type { JobDefinition } from '../jobs/job-queue';
import { companyProviders } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';
import { recordAudit } from './audit-log';
import { count, people } from './bars';
import { context, section, type KnownBlock } from './blocks';
import { csvRow } from './csv';
import { loadEnterpriseState } from './enterprise-state';
import { createProgressMessage, progressBlocks, progressText } from './progress-message';
import { READINESS_CSV_HEADER, readinessCsvRow } from './readiness-csv';
import { streamWorkspaceReadiness } from './readiness-stream';
import { createSummaryAccumulator, type ReadinessSummary } from './readiness-summary';
import { openDm, type AdminReply } from './responder';
import { shareFileFromDisk } from '../slack/file-upload';
import { summaryBlocks } from './summary-blocks';

export const CSV_EXPORT_JOB = 'admin.csv_export';
const MAX_ATTEMPTS = 3;
const TITLE = 'Exporting the readiness CSV';

const payloadSchema = z.object({ workspaceId: z.string().min(1), requestedBySlackUserId: z.string().min(1), channel: z.string().min(1), ts: z.string().min(1) });
type CsvExportPayload = z.infer<typeof payloadSchema>;

type Ports = Pick<AppContext, 'db' | 'ids' | 'clock' | 'jobs' | 'logger'>;

const activeEmployees = (ctx: Pick<AppContext, 'db'>, workspaceId: string) => ctx.db.employee.count({ where: { workspaceId, deactivatedAt: null } });

export async function startCsvExport(ctx: Ports, workspace: Workspace, slackUserId: string, client: WebClient): Promise<AdminReply> {
  const channel = await openDm(client, slackUserId);
  const total = await activeEmployees(ctx, workspace.id);
  const initial = { title: TITLE, done: 0, total, failed: 0, secondsLeft: null };
  const posted = await client.chat.postMessage({ channel, text: progressText(initial), blocks: progressBlocks(initial) });
  if (!posted.ts) throw new Error('chat.postMessage returned no ts');
  const payload: CsvExportPayload = { workspaceId: workspace.id, requestedBySlackUserId: slackUserId, channel, ts: posted.ts };
  const jobId = await ctx.jobs.enqueue(CSV_EXPORT_JOB, payload, { uniqueKey: `csv-export:${workspace.id}:${slackUserId}`, maxAttempts: MAX_ATTEMPTS });
  if (!jobId) {
    const text = 'An export you started earlier is still running; its progress message above will get the file.';
    await client.chat.update({ channel, ts: posted.ts, text, blocks: [section(text)] });
    return { text };
  }
  await recordAudit(ctx, { workspaceId: workspace.id, actorSlackUserId: slackUserId, action: 'csv_export', detail: { people: total } });
  return { text: `Exporting ${people(total)} to CSV. Progress and the file are in your DM with Slotline.` };
}

export function csvFileName(now: Date): string {
  return `slotline-readiness-${now.toISOString().slice(0, 10)}.csv`;
}

/** Writes everyone's row to `file`, page by page, and returns the summary counted from those very rows. */
async function writeReadinessCsv(ctx: Pick<AppContext, 'rawSql'>, workspace: Workspace, file: string, onPage: (done: number) => Promise<void>): Promise<ReadinessSummary> {
  const accumulator = createSummaryAccumulator(companyProviders(workspace.conferencingProviders));
  const handle = await fs.promises.open(file, 'w');
  try {
    // A byte-order mark lets Excel read names with accents as UTF-8.
    await handle.write(`\uFEFF${csvRow(READINESS_CSV_HEADER)}`);
    let done = 0;
    for await (const page of streamWorkspaceReadiness(ctx.rawSql, workspace)) {
      let rows = '';
      for (const person of page) {
        accumulator.add(person);
        rows += csvRow(readinessCsvRow(person));
      }
      await handle.write(rows);
      done += page.length;
      await onPage(done);
    }
  } finally {
    await handle.close();
  }
  return accumulator.result();
}

export function csvExportJob(ctx: AppContext): JobDefinition<CsvExportPayload> {
  return {
    kind: CSV_EXPORT_JOB,
    schema: payloadSchema,
    async handle(payload, job) {
      const workspace = await ctx.workspaces.get(payload.workspaceId);
      const client = await ctx.slack.forTeam(workspace.slackTeamId);
      const progress = createProgressMessage({ client, channel: payload.channel, ts: payload.ts, title: TITLE, total: await activeEmployees(ctx, workspace.id), clock: ctx.clock, logger: ctx.logger });
      try {
        const filename = csvFileName(ctx.clock.now());
        // Written to a scratch file and streamed from it to Slack, so a company of any size costs one page of memory.
        const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'slotline-csv-'));
        let summary: ReadinessSummary;
        let comment: string;
        try {
          const file = path.join(folder, filename);
          summary = await writeReadinessCsv(ctx, workspace, file, (done) => progress.update(done));
          comment = `${people(summary.people)}: ${count(summary.ready)} ready, ${count(summary.missing)} missing something, ${count(summary.optedOut)} opted out.`;
          await shareFileFromDisk(client, { path: file, filename, title: 'Slotline readiness', channelId: payload.channel, initialComment: comment });
        } finally {
          await fs.promises.rm(folder, { recursive: true, force: true });
        }
        const blocks: KnownBlock[] = [
          section(`*Export finished:* ${people(summary.people)} in \`${filename}\` (below).`),
          ...summaryBlocks(summary, await loadEnterpriseState(ctx.db, workspace.id)),
          context('These numbers were counted from the rows in the file.'),
        ];
        await progress.finish({ text: `Export finished: ${comment}`, blocks });
      } catch (error) {
        if (job.attempts >= MAX_ATTEMPTS) {
          const text = 'The CSV export failed. Please try again in a few minutes; if it keeps failing, your Slotline operator can find the reason in the logs.';
          await progress.finish({ text, blocks: [section(`❌ ${text}`)] });
        }
        throw error;
      }
    },
  };
}
