import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { completeCalendarConnection } from '../../src/connections/complete-calendar-connection';
import { CALENDAR_SCOPE } from '../../src/cronofy/cronofy-gateway';
import { callbackUrl, hashCallbackToken, newCallbackToken } from '../../src/enterprise/callback-token';
import { exchangeCode, sealExchange } from '../../src/enterprise/exchange-code';
import { EXCHANGE_JOB, exchangeJobKey } from '../../src/enterprise/job-kinds';
import { DEFAULT_PACING } from '../../src/enterprise/pacing';
import { createServiceAccountCredentials } from '../../src/enterprise/service-account-credentials';
import { employeeId, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';
import { eventually, linkEnterprise, postCallback } from './enterprise-support';

const ADMIN = { slackId: 'U0ADMIN', name: 'ada', isAdmin: true };
const IT_ADMIN_EMAIL = 'it-admin@acme.test';

describe('Enterprise Connect callbacks for one person (POST /cronofy/ec/:token)', () => {
  let harness: Harness;
  let workspaceId: string;
  let linkId: string;

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        ADMIN,
        { slackId: 'U0ANN', name: 'ann', calendar: { provider: 'office365' } },
        { slackId: 'U0BOB', name: 'bob', calendar: { provider: 'office365' } },
        { slackId: 'U0ROOM', name: 'rooms', calendar: { provider: 'office365', sharedMailbox: true } },
        { slackId: 'U0CAT', name: 'cat', calendar: { provider: 'office365' } },
      ],
      start: { enterprisePacing: { callsPerMinute: 60_000 } },
    });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: IT_ADMIN_EMAIL });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
    await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    linkId = (await harness.ctx.db.enterpriseConnectLink.findFirstOrThrow({ where: { workspaceId, state: 'active' } })).id;
    await eventually(async () => {
      const { counts } = await harness.ctx.enterprise.status(workspaceId);
      return (counts.requested === 5 && counts.pending === 0) || undefined;
    }, { what: 'the initial sync' });
  });
  afterAll(() => harness.stop());

  const rows = () => harness.ctx.db.serviceAccountAuthorization.findMany({ orderBy: { id: 'asc' } });
  const callbacks = () => harness.cronofy.deliveries.filter((d) => d.type === 'service_account_authorization');

  /** An open request with a callback secret the test knows, as the batch job would leave it (`sending` while its request is out). */
  async function openRequest(slackUserId: string, state: 'requested' | 'sending' = 'requested'): Promise<{ url: string; authorizationId: string; employeeId: string }> {
    const id = await employeeId(harness, slackUserId);
    const token = newCallbackToken();
    const authorizationId = harness.ctx.ids.id('saa');
    // Earlier tests' open requests for the same person are put aside, as a new request would.
    await harness.ctx.db.serviceAccountAuthorization.updateMany({ where: { employeeId: id, openKey: { not: null } }, data: { state: 'cancelled', openKey: null } });
    await harness.ctx.db.serviceAccountAuthorization.updateMany({ where: { employeeId: id, current: true }, data: { current: false } });
    await harness.ctx.db.serviceAccountAuthorization.create({
      data: { id: authorizationId, employeeId: id, linkId, state, callbackTokenHash: hashCallbackToken(token), openKey: id, exchangeAfter: new Date() },
    });
    return { url: callbackUrl(harness.app.publicUrl, token), authorizationId, employeeId: id };
  }

  async function serviceAccountToken(): Promise<string> {
    const link = await harness.ctx.db.enterpriseConnectLink.findUniqueOrThrow({ where: { id: linkId } });
    return harness.ctx.cipher.decrypt(link.accessTokenEnc ?? '');
  }

  it('handled the initial sync’s real callbacks: successes connected, the shared mailbox and the admin without a mailbox failed', async () => {
    expect(callbacks()).toHaveLength(5);
    expect(callbacks().every((d) => d.status !== undefined && d.status < 300)).toBe(true);
    const byPerson = await harness.ctx.db.employee.findMany({ include: { calendar: true, serviceAccountAuthorizations: true } });
    const outcome = Object.fromEntries(byPerson.map((e) => [e.slackUserId, [e.serviceAccountAuthorizations[0]?.state, e.serviceAccountAuthorizations[0]?.errorKey ?? null, e.calendar?.state, e.calendar?.reason ?? null]]));
    expect(outcome).toEqual({
      U0ADMIN: ['failed', 'mailbox_not_found', 'not_connected', 'ec_mailbox_not_found'],
      U0ANN: ['succeeded', null, 'connected', null],
      U0BOB: ['succeeded', null, 'connected', null],
      U0CAT: ['succeeded', null, 'connected', null],
      U0ROOM: ['failed', 'shared_mailbox', 'not_connected', 'ec_shared_mailbox'],
    });
  });

  it('changes nothing when Cronofy’s callbacks are replayed, and answers 200 so they stop', async () => {
    const before = await rows();
    for (const delivery of callbacks()) {
      await expect(postCallback(delivery.url, JSON.parse(delivery.body))).resolves.toEqual({ status: 200, result: 'already_handled' });
    }
    expect(await rows()).toEqual(before);
  });

  it('refuses a callback without a valid HMAC (401) and changes nothing', async () => {
    const { url, authorizationId } = await openRequest('U0CAT');
    const body = { authorization: { error: 'not_found', error_key: 'mailbox_not_found' } };
    await expect(postCallback(url, body, { hmac: 'Zm9yZ2Vk' })).resolves.toEqual({ status: 401, result: 'invalid_signature' });
    await expect(postCallback(url, body, { hmac: '' })).resolves.toEqual({ status: 401, result: 'invalid_signature' });
    expect(await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } })).toMatchObject({ state: 'requested', errorKey: null });
  });

  it('answers 404 to an unknown or malformed callback secret', async () => {
    await expect(postCallback(callbackUrl(harness.app.publicUrl, newCallbackToken()), { authorization: { code: 'abc' } })).resolves.toEqual({ status: 404, result: 'unknown_callback' });
    await expect(postCallback(`${harness.app.publicUrl}/cronofy/ec/short`, { authorization: { code: 'abc' } })).resolves.toEqual({ status: 404, result: 'unknown_callback' });
  });

  it('answers 400 to a body that is no authorization result and keeps the request open', async () => {
    const { url, authorizationId } = await openRequest('U0CAT');
    await expect(postCallback(url, { hello: 'world' })).resolves.toEqual({ status: 400, result: 'invalid_body' });
    await expect(postCallback(url, { authorization: {} })).resolves.toEqual({ status: 400, result: 'invalid_body' });
    expect((await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } })).state).toBe('requested');
  });

  it('records any Cronofy error with its key and description, for admins and on the person’s calendar', async () => {
    const { url, authorizationId, employeeId: id } = await openRequest('U0CAT');
    await harness.ctx.db.calendarConnection.update({ where: { employeeId: id }, data: { state: 'disconnected', reason: 'profile_disconnected' } });
    const body = { authorization: { error: 'access_denied', error_key: 'outside_linked_domain', error_description: 'Outside the linked domain.' } };
    await expect(postCallback(url, body)).resolves.toEqual({ status: 200, result: 'failure_recorded' });
    expect(await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } })).toMatchObject({
      state: 'failed',
      errorKey: 'outside_linked_domain',
      errorDescription: 'Outside the linked domain.',
      openKey: null,
    });
    // A disconnection stays a disconnection, now with the reason Enterprise Connect gave.
    expect(await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } })).toMatchObject({ state: 'disconnected', reason: 'ec_outside_domain' });
    expect(await harness.ctx.enterprise.failures(workspaceId)).toContainEqual(expect.objectContaining({ slackUserId: 'U0CAT', errorKey: 'outside_linked_domain' }));
  });

  it('exchanges a real code with the callback URL as redirect_uri and connects the person like an individual sign-in', async () => {
    const { url, authorizationId, employeeId: id } = await openRequest('U0CAT');
    // Cronofy answers this request by calling `url` back with a code bound to it.
    await harness.ctx.cronofy.authorizeWithServiceAccount(await serviceAccountToken(), [{ email: 'cat@acme.test', scope: CALENDAR_SCOPE, callback_url: url }]);
    const row = await eventually(async () => {
      const r = await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } });
      return r.state === 'succeeded' ? r : undefined;
    });
    expect(row.openKey).toBeNull();
    expect(await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } })).toMatchObject({
      state: 'connected',
      reason: null,
      viaEnterpriseConnect: true,
      accessTokenEnc: expect.stringMatching(/^v1\./),
    });
    const delivery = callbacks().find((d) => d.url === url);
    expect(delivery?.status).toBe(202);
  });

  it('cancels a success for someone who left meanwhile, without exchanging the code', async () => {
    const { url, authorizationId, employeeId: id } = await openRequest('U0BOB');
    await harness.ctx.db.employee.update({ where: { id }, data: { deactivatedAt: new Date() } });
    const exchanges = harness.cronofy.requests.filter((r) => r.path === '/oauth/token').length;
    await expect(postCallback(url, { authorization: { code: 'a-code' } })).resolves.toEqual({ status: 200, result: 'ignored' });
    expect((await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } })).state).toBe('cancelled');
    expect(harness.cronofy.requests.filter((r) => r.path === '/oauth/token')).toHaveLength(exchanges);
    await harness.ctx.db.employee.update({ where: { id }, data: { deactivatedAt: null } });
  });

  it('records a rejected code as a failure the admin can retry', async () => {
    const { url, authorizationId } = await openRequest('U0ANN');
    await expect(postCallback(url, { authorization: { code: 'not-a-real-code' } })).resolves.toEqual({ status: 202, result: 'accepted' });
    const row = await eventually(async () => {
      const r = await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } });
      return r.state === 'failed' ? r : undefined;
    });
    expect(row.errorKey).toBe('code_rejected');
  });

  it('takes Cronofy’s answer while the batch job has not yet recorded that the request went out', async () => {
    const { url, authorizationId } = await openRequest('U0CAT', 'sending');
    await harness.ctx.cronofy.authorizeWithServiceAccount(await serviceAccountToken(), [{ email: 'cat@acme.test', scope: CALENDAR_SCOPE, callback_url: url }]);
    await eventually(async () => (await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } })).state === 'succeeded', { what: 'the exchange' });
    expect(callbacks().find((d) => d.url === url)?.status).toBe(202);
  });

  describe('when a replica was killed half-way through an answer', () => {
    let capture: { url: string; codes: string[]; close(): Promise<void> };
    const rt = () => ({ ctx: harness.ctx, pacing: DEFAULT_PACING, serviceAccounts: createServiceAccountCredentials(harness.ctx) });

    beforeAll(async () => {
      capture = await captureCallbacks();
    });
    afterAll(() => capture.close());

    /** A real code for the person, from a callback that went to the test instead of Slotline. */
    async function codeFor(email: string): Promise<string> {
      const seen = capture.codes.length;
      await harness.ctx.cronofy.authorizeWithServiceAccount(await serviceAccountToken(), [{ email, scope: CALENDAR_SCOPE, callback_url: capture.url }]);
      return eventually(async () => capture.codes[seen], { what: 'the captured code' });
    }

    it('still exchanges the code when the callback queued the exchange but died before recording the answer', async () => {
      const { authorizationId, employeeId: id } = await openRequest('U0CAT');
      const code = await codeFor('cat@acme.test');
      await harness.ctx.jobs.enqueue(EXCHANGE_JOB, sealExchange(rt(), authorizationId, { code, redirectUri: capture.url }), { uniqueKey: exchangeJobKey(authorizationId) });
      const row = await eventually(async () => {
        const r = await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } });
        return r.state === 'succeeded' ? r : undefined;
      }, { what: 'the exchange' });
      expect(row.openKey).toBeNull();
      expect((await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } })).state).toBe('connected');
    });

    it('finishes an exchange whose cut-off first attempt used the code and stored the tokens', async () => {
      const { authorizationId, employeeId: id } = await openRequest('U0BOB');
      const code = await codeFor('bob@acme.test');
      // The first attempt got Cronofy's tokens and stored them, then the replica died: still pending, no push channel.
      await completeCalendarConnection(harness.ctx, { employeeId: id, code, redirectUri: capture.url, viaEnterpriseConnect: true, expectedEmail: 'bob@acme.test' });
      await harness.ctx.db.calendarConnection.update({ where: { employeeId: id }, data: { state: 'pending', pushChannelId: null } });
      await harness.ctx.db.serviceAccountAuthorization.update({ where: { id: authorizationId }, data: { state: 'exchanging' } });

      await exchangeCode(rt(), sealExchange(rt(), authorizationId, { code, redirectUri: capture.url }), { attempts: 2 });
      expect((await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } })).state).toBe('succeeded');
      expect(await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } })).toMatchObject({ state: 'connected', pushChannelId: expect.any(String) });
    });

    it('reports the code as rejected when the cut-off attempt stored nothing', async () => {
      const { authorizationId, employeeId: id } = await openRequest('U0ANN');
      const code = await codeFor('ann@acme.test');
      // Cronofy gave the tokens to an attempt that died before storing them.
      await harness.ctx.cronofy.exchangeCode({ code, redirectUri: capture.url });
      await harness.ctx.db.calendarConnection.update({ where: { employeeId: id }, data: { state: 'pending', accessTokenEnc: null, refreshTokenEnc: null } });
      await harness.ctx.db.serviceAccountAuthorization.update({ where: { id: authorizationId }, data: { state: 'exchanging' } });

      await exchangeCode(rt(), sealExchange(rt(), authorizationId, { code, redirectUri: capture.url }), { attempts: 2 });
      expect(await harness.ctx.db.serviceAccountAuthorization.findUniqueOrThrow({ where: { id: authorizationId } })).toMatchObject({ state: 'failed', errorKey: 'code_rejected' });
    });
  });
});

/** A stand-in callback URL that keeps the codes Cronofy posts to it. */
async function captureCallbacks(): Promise<{ url: string; codes: string[]; close(): Promise<void> }> {
  const codes: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { authorization?: { code?: string } };
      if (body.authorization?.code) codes.push(body.authorization.code);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/captured`, codes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
