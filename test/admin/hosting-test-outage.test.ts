// `/integrations test @person --live` while Cronofy keeps failing: the admin is told why the test could not run,
// and whether anything may be left in the person's calendar; the test event (or a write that may have landed) is
// deleted when Cronofy lets us, and the log names the precise cause.
import { liveHostingTest } from '../../src/admin/hosting-test';
import { connectCalendar, employeeId, syncRoster } from '../support/connect';
import { QUICK_CRONOFY_RETRIES, recordingLogger } from '../support/fakes';
import { startHarness, type Harness } from '../support/harness';
import { runIntegrations } from '../slack/listeners/commands/integrations-driver';

const EVENTS_PATH = /^\/v1\/calendars\/[^/]+\/events$/;
const WRITE = { method: 'POST', path: EVENTS_PATH } as const;
const DELETE = { method: 'DELETE', path: EVENTS_PATH } as const;
const READ = { method: 'GET', path: '/v1/events' } as const;
const TIMING = { waitMs: 1_000, pollMs: 50 };

describe('the live hosting test while Cronofy is down', () => {
  let harness: Harness;
  const logger = recordingLogger();

  beforeAll(async () => {
    harness = await startHarness({
      start: { logger, cronofyRetryPolicy: QUICK_CRONOFY_RETRIES },
      people: [
        { slackId: 'U0ADMIN', name: 'ada', isAdmin: true, calendar: { provider: 'google' } },
        { slackId: 'U0GINA', name: 'gina', calendar: { provider: 'google' } },
      ],
    });
    await syncRoster(harness);
    await connectCalendar(harness, 'U0GINA');
  });

  afterEach(() => harness.cronofy.clearFaults());
  afterAll(() => harness.stop());

  const testEvents = () => harness.cronofy.events('gina@acme.test').filter((e) => e.eventId?.startsWith('slotline-test-'));
  const liveTest = async () => {
    const workspace = await harness.ctx.workspaces.get(await harness.workspaceId());
    const gina = await harness.ctx.db.employee.findUniqueOrThrow({ where: { id: await employeeId(harness, 'U0GINA') } });
    return liveHostingTest(harness.ctx, workspace, gina, undefined, TIMING);
  };
  const requests = (method: string, since: number) => harness.cronofy.requests.slice(since).filter((r) => r.method === method && EVENTS_PATH.test(r.path));

  it('tells the admin Cronofy is having trouble when every write fails, and deletes the event_id in case one landed', async () => {
    harness.cronofy.failNext(WRITE, { status: 503, times: Infinity });
    const since = harness.cronofy.requests.length;
    const reply = await runIntegrations(harness, 'U0ADMIN', 'test <@U0GINA> --live', { nth: 3 });

    expect(reply.text).toBe(
      '❌ Live test failed: The test could not run: Cronofy is having trouble right now. Please try again in a few minutes. If a "Slotline test interview" event is left in their calendar, it is safe to delete.',
    );
    expect(requests('POST', since).map((r) => r.status)).toEqual([503, 503, 503]);
    // A 5xx write may have landed anyway, so its event_id was deleted to be sure.
    expect(requests('DELETE', since).map((r) => r.status)).toEqual([202]);
    expect(testEvents().filter((e) => !e.deleted)).toEqual([]);
    expect(logger.find('live hosting test failed').at(-1)?.fields).toMatchObject({
      code: 'cronofy_unavailable',
      error: expect.stringMatching(/^Cronofy event upsert: 503 server error \(gave up after 3 attempts in \d+ ms: HTTP 503, HTTP 503, HTTP 503\)$/),
    });
  });

  it('deletes the event_id of a write that timed out, and says Cronofy did not answer in time', async () => {
    harness.cronofy.failNext(WRITE, { status: 202, delayMs: 1_000, times: 3 });
    const since = harness.cronofy.requests.length;
    const result = await liveTest();

    expect(result).toMatchObject({ ok: false, leftover: false, message: expect.stringMatching(/^The test could not run: Cronofy did not answer in time\. Please try again in a few minutes\. If a "Slotline test interview" event is left/) });
    expect(requests('DELETE', since).map((r) => r.status)).toEqual([202]);
  });

  it('deletes the test event when reading it back keeps being rate limited', async () => {
    harness.cronofy.failNext(READ, { status: 429, times: Infinity });
    const result = await liveTest();

    expect(result).toMatchObject({ ok: false, leftover: false, message: 'The test could not run: Cronofy is busy right now (rate limited). Please try again in a minute. Nothing was left in their calendar.' });
    expect(testEvents().at(-1)).toMatchObject({ deleted: true });
  });

  it('flags the test event as left behind when it was created but Cronofy refuses to delete it', async () => {
    harness.cronofy.failNext(READ, { status: 503, times: Infinity });
    harness.cronofy.failNext(DELETE, { status: 500, times: Infinity });
    const reply = await runIntegrations(harness, 'U0ADMIN', 'test <@U0GINA> --live', { nth: 3 });

    expect(reply.text).toBe(
      '❌ Live test failed: The test could not run: Cronofy is having trouble right now. Please try again in a few minutes. If a "Slotline test interview" event is left in their calendar, it is safe to delete.' +
        '\n⚠️ I could not delete the test event: please remove "Slotline test interview" from their calendar.',
    );
    expect(testEvents().filter((e) => !e.deleted)).toHaveLength(1);
    expect(logger.find('could not delete a live test event').at(-1)?.fields).toMatchObject({ error: expect.stringContaining('gave up after 3 attempts') });
  });

  it('runs normally once Cronofy is back', async () => {
    const result = await liveTest();
    expect(result).toMatchObject({ ok: true, leftover: false, joinUrl: expect.stringContaining('meet.google.com') });
  });
});
