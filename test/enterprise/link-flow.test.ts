import { syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import { eventually, linkEnterprise } from './enterprise-support';

const ADMIN = { slackId: 'U0ADMIN', name: 'ada', isAdmin: true };
const IT_ADMIN_EMAIL = 'it-admin@acme.test';

describe('linking Enterprise Connect', () => {
  let harness: Harness;
  let workspaceId: string;

  beforeAll(async () => {
    harness = await startHarness({
      people: [ADMIN, { slackId: 'U0ANN', name: 'ann', calendar: { provider: 'office365' } }],
      start: { enterprisePacing: { callsPerMinute: 60_000 } },
    });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: IT_ADMIN_EMAIL });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  });
  afterAll(() => harness.stop());

  afterEach(async () => {
    if ((await harness.ctx.enterprise.status(workspaceId)).state !== 'not_linked') await harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId);
  });

  const links = () => harness.ctx.db.enterpriseConnectLink.findMany({ where: { workspaceId }, orderBy: { createdAt: 'asc' } });

  it('sends the admin to Cronofy with the service account scope, the delegated scope, the provider and a fresh state', async () => {
    const { url } = await harness.ctx.enterprise.startLink(workspaceId, ADMIN.slackId, 'office365');
    expect(url).toMatch(new RegExp(`^${harness.app.publicUrl}/enterprise/link/`));
    const opened = await fetch(url, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    const target = new URL(opened.headers.get('location') ?? '');
    expect(`${target.origin}${target.pathname}`).toBe(`${harness.cronofy.siteUrl}/enterprise_connect/oauth/authorize`);
    expect(Object.fromEntries(target.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'test-client',
      redirect_uri: `${harness.app.publicUrl}/cronofy/callback/enterprise`,
      scope: 'service_account/accounts/manage',
      delegated_scope: 'read_account list_calendars read_events create_event delete_event read_free_busy',
      state: expect.any(String),
      provider_name: 'office365',
    });
    // The admin's link works once.
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(409);
  });

  it('stores the service account tokens encrypted with the domain it covers, and starts syncing', async () => {
    const result = await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL, provider: 'office365' });
    expect(result.status).toBe(200);
    expect(result.page).toContain('Enterprise Connect linked');
    const [link] = await links();
    expect(link).toMatchObject({ state: 'active', domain: 'acme.test', providerName: 'office365', linkedBySlackUserId: ADMIN.slackId, serviceAccountId: expect.stringMatching(/^ser_/) });
    expect(link.accessTokenEnc).toMatch(/^v1\./);
    expect(link.refreshTokenEnc).toMatch(/^v1\./);
    const plain = harness.cronofy.tokens.map((t) => t.token);
    expect(plain.some((token) => link.accessTokenEnc?.includes(token) || link.refreshTokenEnc?.includes(token))).toBe(false);
    const status = await harness.ctx.enterprise.status(workspaceId);
    expect(status).toMatchObject({ state: 'active', domain: 'acme.test', provider: 'office365', linkedBySlackUserId: ADMIN.slackId });

    // Ann (on the domain, with a mailbox) is synced; the admin has no mailbox at Cronofy.
    const settled = await eventually(async () => {
      const s = await harness.ctx.enterprise.status(workspaceId);
      return s.counts.pending === 0 && s.counts.requested === 2 ? s : undefined;
    });
    expect(settled.counts).toEqual({ requested: 2, succeeded: 1, failed: 1, pending: 0 });
    const dm = harness.slack.lastDmTo(ADMIN.slackId);
    expect(dm?.text ?? '').toBeTruthy();
  });

  it('refreshes the service account token when it expires', async () => {
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    const [, link] = await links();
    harness.cronofy.expireAccessTokens();
    const before = link.accessTokenEnc;
    await eventually(async () => (await harness.ctx.enterprise.status(workspaceId)).run === null || undefined, { what: 'the initial sync' });
    // Ann's calendar was connected by the first link; forget it so "Sync all" has someone to request.
    await harness.ctx.db.calendarConnection.deleteMany({ where: { employee: { slackUserId: 'U0ANN' } } });
    await harness.ctx.enterprise.syncAll(workspaceId, ADMIN.slackId);
    await eventually(async () => (await harness.ctx.db.serviceAccountAuthorization.count({ where: { linkId: link.id, state: 'succeeded' } })) === 1 || undefined, { what: 'the sync' });
    const after = await harness.ctx.db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(after.state).toBe('active');
    expect(after.accessTokenEnc).not.toBe(before);
  }, 15_000);

  it('leaves nothing behind when the admin declines', async () => {
    const before = (await links()).length;
    const result = await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL, allow: false });
    expect(result.status).toBe(200);
    expect(result.page).toContain('was not linked');
    expect(result.page).toContain('declined');
    expect(await links()).toHaveLength(before);
    expect((await harness.ctx.enterprise.status(workspaceId)).state).toBe('not_linked');
  });

  it('refuses a replayed or forged callback without linking anything', async () => {
    const result = await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    const count = (await links()).length;
    const replay = await fetch(result.callbackUrl);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toContain('Already done');
    const forged = new URL(result.callbackUrl);
    forged.searchParams.set('state', 'not-a-state');
    expect((await fetch(forged)).status).toBe(400);
    const missing = await fetch(`${harness.app.publicUrl}/cronofy/callback/enterprise`);
    expect(missing.status).toBe(400);
    expect(await links()).toHaveLength(count);
  });

  it('does not link a half-done authorization: a failed code exchange leaves no link', async () => {
    const before = (await links()).length;
    harness.cronofy.failNext({ method: 'POST', path: '/oauth/token' }, { status: 400, body: { error: 'invalid_grant' } });
    const result = await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.page).toContain('Nothing was linked');
    expect(await links()).toHaveLength(before);
  });

  it('revokes the service account when a userinfo failure stops the link half-way', async () => {
    const before = (await links()).length;
    harness.cronofy.failNext({ method: 'GET', path: '/v1/userinfo' }, { status: 500, times: 5 });
    const result = await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    expect(result.status).toBeGreaterThanOrEqual(500);
    expect(await links()).toHaveLength(before);
    const revokes = harness.cronofy.requests.filter((r) => r.path === '/oauth/token/revoke');
    expect(revokes.at(-1)?.status).toBeLessThan(300);
  });

  it('unlinks: revokes the service account at Cronofy, clears the tokens and stops covering people', async () => {
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    const link = (await links()).at(-1)!;
    const ann = await harness.ctx.db.employee.findFirstOrThrow({ where: { slackUserId: 'U0ANN' } });
    expect(await harness.ctx.enterprise.covers(ann)).toBe(true);
    const revokesBefore = harness.cronofy.requests.filter((r) => r.path === '/oauth/token/revoke').length;

    await expect(harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId)).resolves.toEqual({ domain: 'acme.test' });
    const after = await harness.ctx.db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(after).toMatchObject({ state: 'unlinked', accessTokenEnc: null, refreshTokenEnc: null, unlinkedAt: expect.any(Date) });
    expect(harness.cronofy.requests.filter((r) => r.path === '/oauth/token/revoke')).toHaveLength(revokesBefore + 1);
    expect(await harness.ctx.enterprise.covers(ann)).toBe(false);
    await expect(harness.ctx.enterprise.requestFor(ann.id)).rejects.toMatchObject({ code: 'not_permitted' });
    await expect(harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps the link when Cronofy cannot revoke it, and says so', async () => {
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    harness.cronofy.failNext({ method: 'POST', path: '/oauth/token/revoke' }, { status: 503, times: 5 });
    await expect(harness.ctx.enterprise.unlink(workspaceId, ADMIN.slackId)).rejects.toMatchObject({ userMessage: expect.stringContaining('still linked') });
    expect((await harness.ctx.enterprise.status(workspaceId)).state).toBe('active');
  });
});
