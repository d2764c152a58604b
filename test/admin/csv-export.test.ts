import type { AppContext } from '../../src/app-context';
import { CSV_EXPORT_JOB, csvExportJob, startCsvExport } from '../../src/admin/csv-export';
import { createJobQueue } from '../../src/jobs/job-queue';
import { randomIds } from '../../src/platform/ids';
import { silentLogger } from '../../src/platform/logger';
import type { Workspace } from '../../src/workspaces/workspace-service';
import { startSeededSimulator, type SeededSimulator } from '../simulators/slack/simulator-fixtures';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { csvRecords } from './parse-csv';
import { seedPeople } from './seed-people';

const clock = { now: () => new Date('2025-03-03T10:00:00Z') };

describe('the CSV export job', () => {
  let database: TestDatabase;
  let workspace: Workspace;
  let slack: SeededSimulator;
  let dm: string;

  function context(): AppContext {
    return {
      db: database.db,
      rawSql: database.rawSql,
      ids: randomIds,
      clock,
      logger: silentLogger,
      jobs: createJobQueue({ db: database.db, clock, ids: randomIds, logger: silentLogger, workerId: 'test' }),
      workspaces: { get: async () => workspace },
      slack: { forTeam: async () => slack.client },
    } as unknown as AppContext;
  }

  /** A progress message in the admin's DM, as startCsvExport posts it, for the job to finish. */
  async function progressMessage(): Promise<string> {
    const posted = await slack.client.chat.postMessage({ channel: dm, text: 'Exporting the readiness CSV' });
    return posted.ts as string;
  }

  beforeAll(async () => {
    database = createTestDatabase();
    slack = await startSeededSimulator();
    dm = (await slack.client.conversations.open({ users: slack.ada })).channel?.id as string;
    workspace = await database.db.workspace.create({ data: { id: 'ws_csv', slackTeamId: slack.teamId, name: 'Csv' } });
    await seedPeople(database.db, { workspaceId: workspace.id, count: 40 });
  });

  afterAll(async () => {
    await slack.sim.stop();
    database.dispose();
  });

  it('posts its progress message first, runs once per admin at a time, and audits the export', async () => {
    const ctx = context();
    const first = await startCsvExport(ctx, workspace, slack.ada, slack.client);
    expect(first.text).toBe('Exporting 40 people to CSV. Progress and the file are in your DM with Slotline.');
    expect(slack.sim.messages(dm)[0]).toMatchObject({ text: 'Exporting the readiness CSV: 0 / 40 · 0 failed · estimating time left' });

    const second = await startCsvExport(ctx, workspace, slack.ada, slack.client);
    expect(second.text).toContain('An export you started earlier is still running');
    expect(slack.sim.messages(dm)[1].text).toContain('An export you started earlier is still running');
    expect(await database.db.job.count({ where: { kind: CSV_EXPORT_JOB } })).toBe(1);
    expect(await database.db.auditEvent.count({ where: { workspaceId: workspace.id, action: 'csv_export' } })).toBe(1);
  });

  it('shares one row per active person in the DM and ends with the counts of those rows', async () => {
    const ts = await progressMessage();
    await csvExportJob(context()).handle({ workspaceId: workspace.id, requestedBySlackUserId: slack.ada, channel: dm, ts }, { id: 'job_1', attempts: 1 });
    const [file] = slack.sim.files();
    expect(file).toMatchObject({ channel: dm, filename: 'slotline-readiness-2025-03-03.csv', title: 'Slotline readiness', completed: true, initialComment: '40 people: 12 ready, 24 missing something, 4 opted out.' });
    const text = file.content?.toString('utf8') ?? '';
    expect(file.content?.length).toBe(file.declaredLength);
    expect(text.startsWith('\uFEFFslack_user_id,name,email,time_zone,status,ready,opted_out,calendar_state')).toBe(true);
    const rows = csvRecords(text);
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.status === 'ready')).toHaveLength(12);
    expect(slack.sim.messages(dm).find((m) => m.ts === ts)?.text).toBe('Export finished: 40 people: 12 ready, 24 missing something, 4 opted out.');
  });

  it('keeps the admin waiting quietly while retries remain, and says it failed after the last one', async () => {
    // An install from before Slotline asked for files:write: Slack refuses the upload.
    slack.sim.setBotScopes(slack.teamId, ['chat:write', 'im:write']);
    try {
      const ts = await progressMessage();
      const job = csvExportJob(context());
      const payload = { workspaceId: workspace.id, requestedBySlackUserId: slack.ada, channel: dm, ts };
      const progress = () => slack.sim.messages(dm).find((m) => m.ts === ts)?.text ?? '';
      await expect(job.handle(payload, { id: 'job_2', attempts: 1 })).rejects.toThrow('missing_scope');
      expect(progress()).not.toMatch(/failed/);
      await expect(job.handle(payload, { id: 'job_2', attempts: 3 })).rejects.toThrow('missing_scope');
      expect(progress()).toMatch(/^The CSV export failed\. Please try again in a few minutes/);
      expect(slack.sim.files().filter((file) => file.completed)).toHaveLength(1);
    } finally {
      slack.sim.setBotScopes(slack.teamId, null);
    }
  });
});
