import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../src/app-context';
import { createRosterService } from '../../src/employees/roster-service';
import { IMPORT_JOB, importRosterPage, reconcileWorkspace, registerReconcileJob, scheduleRosterImport } from '../../src/employees/reconcile-job';
import { createJobQueue, type JobQueue } from '../../src/jobs/job-queue';
import { WELCOME_JOB } from '../../src/onboarding/onboarding-jobs';
import { silentLogger } from '../../src/platform/logger';
import { fakeClock, sequentialIds } from '../support/fakes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PAGE_SIZE = 2;
const LEASE_MS = 60_000;

/** users.list over `members`, PAGE_SIZE at a time, with cursors `c<index>` as Slack's are opaque strings. */
function fakeSlack(members: Array<Record<string, unknown>>) {
  const cursors: Array<string | undefined> = [];
  const list = async ({ cursor, limit }: { cursor?: string; limit?: number }) => {
    cursors.push(cursor);
    const start = cursor ? Number(cursor.slice(1)) : 0;
    const end = start + (limit ?? PAGE_SIZE);
    return { ok: true, members: members.slice(start, end), response_metadata: { next_cursor: end < members.length ? `c${end}` : '' } };
  };
  const client = {
    users: { list },
    async *paginate() {
      for (let cursor: string | undefined, first = true; first || cursor; first = false) {
        const page = await list({ cursor, limit: PAGE_SIZE });
        cursor = page.response_metadata.next_cursor || undefined;
        yield page;
      }
    },
  };
  return { client: client as unknown as WebClient, cursors };
}

const member = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: id.toLowerCase(), real_name: id, tz: 'Europe/Paris', profile: { email: `${id.toLowerCase()}@acme.test` }, ...extra });

describe('the first roster import, one users.list page per job', () => {
  let database: TestDatabase;
  let jobs: JobQueue;
  let ctx: AppContext;
  let slack: ReturnType<typeof fakeSlack>;
  const clock = fakeClock();
  const scheduled: string[] = [];
  const members = [member('U0ANN'), member('U0BOT', { is_bot: true }), member('U0BEN'), member('U0GONE', { deleted: true }), member('U0GUEST', { is_restricted: true }), member('U0CAT')];

  beforeEach(async () => {
    database = createTestDatabase();
    await database.db.workspace.create({ data: { id: 'ws_1', slackTeamId: 'T1', name: 'Acme' } });
    jobs = createJobQueue({ db: database.db, clock, ids: sequentialIds(), logger: silentLogger, workerId: 'worker-a', leaseMs: LEASE_MS });
    slack = fakeSlack(members);
    scheduled.length = 0;
    ctx = {
      db: database.db,
      clock,
      jobs,
      logger: silentLogger,
      roster: createRosterService({ db: database.db, clock, ids: sequentialIds(), logger: silentLogger, pageSize: PAGE_SIZE }),
      slack: { forTeam: async () => slack.client },
      campaigns: { ensureSchedule: async (workspaceId: string) => void scheduled.push(workspaceId) },
    } as unknown as AppContext;
    registerReconcileJob(ctx);
  });
  afterEach(() => database.dispose());

  const employees = async () => (await database.db.employee.findMany({ orderBy: { slackUserId: 'asc' } })).map((e) => e.slackUserId);

  it('reads each page once, in order, imports full members only, DMs nobody, and schedules the workspace at the end', async () => {
    await scheduleRosterImport(ctx, 'ws_1');
    await jobs.drain();
    expect(slack.cursors).toEqual([undefined, 'c2', 'c4']);
    expect(await employees()).toEqual(['U0ANN', 'U0BEN', 'U0CAT']);
    expect(await database.db.job.count({ where: { kind: WELCOME_JOB } })).toBe(0);
    expect(await database.db.job.count({ where: { kind: IMPORT_JOB } })).toBe(0);
    expect(scheduled).toEqual(['ws_1']);
  });

  it('applies a page again after a crash without adding anyone twice, and queues its successor once', async () => {
    await importRosterPage(ctx, { workspaceId: 'ws_1', cursor: 'c2' });
    // The job was cut off after its writes, before it was marked done: whoever takes it over runs it again.
    await importRosterPage(ctx, { workspaceId: 'ws_1', cursor: 'c2' });
    expect(await employees()).toEqual(['U0BEN']);
    const next = await database.db.job.findMany({ where: { kind: IMPORT_JOB } });
    expect(next.map((job) => JSON.parse(job.payload))).toEqual([{ workspaceId: 'ws_1', cursor: 'c4' }]);
  });

  it('goes on from the page a killed replica was holding once its lease runs out, not from the top', async () => {
    await jobs.enqueue(IMPORT_JOB, { workspaceId: 'ws_1', cursor: 'c2' }, { uniqueKey: `${IMPORT_JOB}:ws_1:c2` });
    // What a replica killed mid-page leaves: the page claimed and never finished.
    await database.db.job.updateMany({ where: { kind: IMPORT_JOB }, data: { status: 'running', lockedBy: 'worker-killed', lockedUntil: new Date(clock.now().getTime() + LEASE_MS), attempts: 1 } });
    await jobs.drain();
    expect(slack.cursors).toEqual([]);
    clock.advance(LEASE_MS + 1);
    await jobs.drain();
    expect(slack.cursors).toEqual(['c2', 'c4']);
    expect(await employees()).toEqual(['U0BEN', 'U0CAT']);
    expect(scheduled).toEqual(['ws_1']);
  });

  it('leaves a workspace to its first import while that is under way, so the daily reconcile welcomes nobody', async () => {
    await importRosterPage(ctx, { workspaceId: 'ws_1' });
    await reconcileWorkspace(ctx, { id: 'ws_1', slackTeamId: 'T1' });
    expect(slack.cursors).toEqual([undefined]);
    expect(await database.db.job.count({ where: { kind: WELCOME_JOB } })).toBe(0);
    await jobs.drain();
    expect(await employees()).toEqual(['U0ANN', 'U0BEN', 'U0CAT']);
    // Once it is done, the reconcile does its work again.
    await reconcileWorkspace(ctx, { id: 'ws_1', slackTeamId: 'T1' });
    expect(slack.cursors).toEqual([undefined, 'c2', 'c4', undefined, 'c2', 'c4']);
  });
});
