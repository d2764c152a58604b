import { syncRoster } from '../support/connect';
import { startHarness, type Harness, type TestPerson } from '../support/harness';
import { linkEnterprise, settle } from './enterprise-support';

const ADMIN_EMAIL = 'it-admin@acme.test';
/** A batch of one makes the planner's pages ten people long, so 25 people span three pages. */
const PACING = { callsPerMinute: 60_000, batchSize: 1 };
const PEOPLE: TestPerson[] = Array.from({ length: 25 }, (_, i) => ({ slackId: `U${String(i).padStart(6, '0')}`, name: `person${i}`, isAdmin: i === 0, calendar: { provider: 'office365' } }));

describe('Enterprise Connect candidates across pages', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: PEOPLE, start: { enterprisePacing: PACING } });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: ADMIN_EMAIL });
    await syncRoster(harness);
  });
  afterAll(() => harness.stop());

  it('asks for everyone on the domain once, including the person at each page boundary', async () => {
    const workspaceId = await harness.workspaceId();
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: PEOPLE[0].slackId, adminEmail: ADMIN_EMAIL });
    await settle(harness, 100);
    const run = await harness.ctx.db.enterpriseSyncRun.findFirstOrThrow();
    expect(run.total).toBe(PEOPLE.length);
    const asked = await harness.ctx.db.serviceAccountAuthorization.groupBy({ by: ['employeeId'], _count: { _all: true } });
    expect(asked).toHaveLength(PEOPLE.length);
    expect(asked.every((row) => row._count._all === 1)).toBe(true);
  });
});
