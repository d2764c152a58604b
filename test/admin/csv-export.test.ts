import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../src/app-context';
import { CSV_EXPORT_JOB, csvExportJob, startCsvExport } from '../../src/admin/csv-export';
import { createJobQueue } from '../../src/jobs/job-queue';
import { randomIds } from '../../src/platform/ids';
import { silentLogger } from '../../src/platform/logger';
import type { Workspace } from '../../src/workspaces/workspace-service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { csvRecords } from './parse-csv';
import { seedPeople } from './seed-people';

const clock = { now: () => new Date('2025-03-03T10:00:00Z') };

/** The Slack calls the export makes, recorded; `failUpload` makes files.uploadV2 fail like a Slack outage. */
function fakeSlack(options: { failUpload?: boolean } = {}) {
  const calls = { posted: [] as Array<{ channel: string; text: string }>, updated: [] as Array<{ ts: string; text: string }>, uploaded: [] as Array<{ channel_id: string; file: Buffer; filename: string }> };
  const client = {
    conversations: { open: async () => ({ ok: true, channel: { id: 'D0ADMIN' } }) },
    chat: {
      postMessage: async (args: { channel: string; text: string }) => {
        calls.posted.push(args);
        return { ok: true, channel: args.channel, ts: `17000000${calls.posted.length}.000100` };
      },
      update: async (args: { ts: string; text: string }) => {
        calls.updated.push(args);
        return { ok: true };
      },
    },
    files: {
      uploadV2: async (args: { channel_id: string; file: Buffer; filename: string }) => {
        if (options.failUpload) throw new Error('An API error occurred: internal_error');
        calls.uploaded.push(args);
        return { ok: true };
      },
    },
  } as unknown as WebClient;
  return { client, calls };
}

describe('the CSV export job', () => {
  let database: TestDatabase;
  let workspace: Workspace;

  function context(client: WebClient): AppContext {
    return {
      db: database.db,
      ids: randomIds,
      clock,
      logger: silentLogger,
      jobs: createJobQueue({ db: database.db, clock, ids: randomIds, logger: silentLogger, workerId: 'test' }),
      workspaces: { get: async () => workspace },
      slack: { forTeam: async () => client },
    } as unknown as AppContext;
  }

  beforeAll(async () => {
    database = createTestDatabase();
    workspace = await database.db.workspace.create({ data: { id: 'ws_csv', slackTeamId: 'T0CSV', name: 'Csv' } });
    await seedPeople(database.db, { workspaceId: workspace.id, count: 40 });
  });

  afterAll(() => database.dispose());

  it('posts its progress message first, runs once per admin at a time, and audits the export', async () => {
    const { client, calls } = fakeSlack();
    const ctx = context(client);
    const first = await startCsvExport(ctx, workspace, 'U0ADMIN', client);
    expect(first.text).toBe('Exporting 40 people to CSV. Progress and the file are in your DM with Slotline.');
    expect(calls.posted[0]).toMatchObject({ channel: 'D0ADMIN', text: 'Exporting the readiness CSV: 0 / 40 · 0 failed · estimating time left' });

    const second = await startCsvExport(ctx, workspace, 'U0ADMIN', client);
    expect(second.text).toContain('An export you started earlier is still running');
    expect(calls.updated.at(-1)?.ts).toBe('170000002.000100');
    expect(await database.db.job.count({ where: { kind: CSV_EXPORT_JOB } })).toBe(1);
    expect(await database.db.auditEvent.count({ where: { workspaceId: workspace.id, action: 'csv_export' } })).toBe(1);
  });

  it('uploads one row per active person and ends with the counts of those rows', async () => {
    const { client, calls } = fakeSlack();
    await csvExportJob(context(client)).handle({ workspaceId: workspace.id, requestedBySlackUserId: 'U0ADMIN', channel: 'D0ADMIN', ts: '1.0' }, { id: 'job_1', attempts: 1 });
    const [upload] = calls.uploaded;
    expect(upload).toMatchObject({ channel_id: 'D0ADMIN', filename: 'slotline-readiness-2025-03-03.csv' });
    const text = upload.file.toString('utf8');
    expect(text.startsWith('\uFEFFslack_user_id,name,email,time_zone,status,ready,opted_out,calendar_state')).toBe(true);
    const rows = csvRecords(text);
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.status === 'ready')).toHaveLength(12);
    expect(calls.updated.at(-1)?.text).toBe('Export finished: 40 people: 12 ready, 24 missing something, 4 opted out.');
  });

  it('keeps the admin waiting quietly while retries remain, and says it failed after the last one', async () => {
    const { client, calls } = fakeSlack({ failUpload: true });
    const job = csvExportJob(context(client));
    const payload = { workspaceId: workspace.id, requestedBySlackUserId: 'U0ADMIN', channel: 'D0ADMIN', ts: '1.0' };
    await expect(job.handle(payload, { id: 'job_2', attempts: 1 })).rejects.toThrow('internal_error');
    expect(calls.updated.some((u) => u.text.startsWith('The CSV export failed'))).toBe(false);
    await expect(job.handle(payload, { id: 'job_2', attempts: 3 })).rejects.toThrow('internal_error');
    expect(calls.updated.at(-1)?.text).toMatch(/^The CSV export failed\. Please try again in a few minutes/);
  });
});
