// Linking Enterprise Connect while Cronofy keeps answering 429, 5xx or nothing: the admin's page says what
// happened and that nothing was linked, no link row is left half-made, and the log names the precise cause.
import { syncRoster } from '../support/connect';
import { QUICK_CRONOFY_RETRIES, recordingLogger } from '../support/fakes';
import { startHarness, type Harness } from '../support/harness';
import { linkEnterprise, type LinkResult } from './enterprise-support';

const ADMIN = { slackId: 'U0ADMIN', name: 'ada', isAdmin: true };
const IT_ADMIN_EMAIL = 'it-admin@acme.test';
const TOKEN = { method: 'POST', path: '/oauth/token' } as const;

describe('linking Enterprise Connect while Cronofy is down', () => {
  let harness: Harness;
  let workspaceId: string;
  const logger = recordingLogger();

  beforeAll(async () => {
    harness = await startHarness({
      people: [ADMIN, { slackId: 'U0ANN', name: 'ann', calendar: { provider: 'office365' } }],
      start: { logger, enterprisePacing: { callsPerMinute: 60_000 }, cronofyRetryPolicy: QUICK_CRONOFY_RETRIES },
    });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: IT_ADMIN_EMAIL });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  });

  afterEach(() => harness.cronofy.clearFaults());
  afterAll(() => harness.stop());

  const links = () => harness.ctx.db.enterpriseConnectLink.findMany({ where: { workspaceId } });
  const link = () => linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
  const tokenRequests = (since: number) => harness.cronofy.requests.slice(since).filter((r) => r.path === '/oauth/token');
  const lastRefusal = () => logger.find('Enterprise Connect page refused').at(-1)?.fields;

  function expectNotLinkedPage(result: LinkResult, says: string): void {
    expect(result.status).toBeGreaterThanOrEqual(500);
    expect(result.page).toContain('Enterprise Connect was not linked');
    expect(result.page).toContain(says);
    expect(result.page).toContain('Nothing was linked.');
  }

  it('sends a failing code exchange once (the code is single-use) and links nothing', async () => {
    harness.cronofy.failNext(TOKEN, { status: 503, times: Infinity });
    const since = harness.cronofy.requests.length;
    const result = await link();

    expectNotLinkedPage(result, 'Cronofy is having trouble right now. Please try again in a few minutes.');
    expect(tokenRequests(since)).toHaveLength(1);
    expect(await links()).toEqual([]);
    expect(lastRefusal()).toMatchObject({ stage: 'callback', code: 'cronofy_unavailable', error: expect.stringMatching(/^Cronofy token exchange: 503 server error \(gave up after 1 attempt in \d+ ms: HTTP 503\)$/) });
  });

  it('says Cronofy did not answer in time when the exchange hangs, and links nothing', async () => {
    harness.cronofy.failNext(TOKEN, { status: 200, body: {}, delayMs: 1_000 });
    const result = await link();

    expectNotLinkedPage(result, 'Cronofy did not answer in time.');
    expect(await links()).toEqual([]);
    expect(lastRefusal()).toMatchObject({ error: expect.stringMatching(/timed out after 300 ms \(gave up after 1 attempt in \d+ ms: timeout\)$/) });
  });

  it('links nothing and says Cronofy is busy when userinfo stays rate limited after the exchange', async () => {
    harness.cronofy.failNext({ method: 'GET', path: '/v1/userinfo' }, { status: 429, times: Infinity });
    const result = await link();

    expectNotLinkedPage(result, 'Cronofy is busy right now (rate limited). Please try again in a minute.');
    expect(await links()).toEqual([]);
    expect(lastRefusal()).toMatchObject({ code: 'cronofy_rate_limited', error: expect.stringContaining('gave up after 3 attempts') });
  });

  it('tries a rate-limited code exchange again and links', async () => {
    harness.cronofy.failNext(TOKEN, { status: 429 });
    const since = harness.cronofy.requests.length;
    const result = await link();

    expect(result.page).toContain('Enterprise Connect linked');
    expect(tokenRequests(since).map((r) => r.status).slice(0, 2)).toEqual([429, 200]);
    expect(await links()).toEqual([expect.objectContaining({ state: 'active', domain: 'acme.test' })]);
  });
});
