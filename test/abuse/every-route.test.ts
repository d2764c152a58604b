// Thousands of hostile requests on every route of a running Slotline (single-workspace mode, real HTTP):
// malformed, unsigned, badly signed, stale-signed, replayed, oversized and forged. None may be accepted, none
// may get a 5xx or take the process down, nothing in the database may change, and no token may sit in it in
// plain text. Redeliveries the protocols require to be harmless (a reloaded callback page, a Cronofy webhook
// sent again) must change nothing either.
import { consent } from '../../src/simulators/cronofy';
import { buildRoutes } from '../../src/http/routes';
import { createLogger } from '../../src/platform/logger';
import { buttonUrl, checklistMessage, connectCalendarThroughButton, get, pageTitle } from '../support/checklist';
import { connectCalendar, employeeId, syncRoster } from '../support/connect';
import { startHarness, TEST_CRONOFY_CLIENT_SECRET, TEST_SLACK_SIGNING_SECRET, type Harness } from '../support/harness';
import { eventually, linkEnterprise, settle } from '../enterprise/enterprise-support';
import { cronofyHmac, fire, hostileBodies, plaintextSecrets, seeded, send, sendRawHttp, slackSignature, snapshotDatabase, tally, violations, type Attack } from './abuse-support';

const TEAM = 'T0TEST';
const ADMIN = { slackId: 'U0ADA', name: 'ada', isAdmin: true };
const IT_ADMIN_EMAIL = 'it@corp.test';
const GOOGLE = { provider: 'google' as const };
const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
/** The guard's own bookkeeping: every validly signed request leaves a receipt, refused or not. */
const BOOKKEEPING_TABLES = ['SlackRequestReceipt'];

interface SignedRequest {
  headers: Record<string, string>;
  body: string;
  isEvent: boolean;
}

/** What the set-up leaves behind for the attacks: real ids, spent links and callbacks, and requests to replay. */
interface Material {
  slackOriginals: SignedRequest[];
  connectionId: string;
  pushDeliveries: Array<{ path: string; body: string }>;
  ecDeliveries: Array<{ path: string; body: string }>;
  spentLinkPath: string;
  spentCallbackPath: string;
  spentEnterpriseLinkPath: string;
  spentEnterpriseCallbackPath: string;
  /** A live `/l` token and an unused calendar state: used in the wrong place, they must be refused and stay unspent. */
  liveLinkToken: string;
  liveStateToken: string;
  /** Cronofy's sign-in page the live state belongs to (Dan's). */
  liveStateUrl: string;
}

function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

function slackAttacks(m: Material): Attack[] {
  const rand = seeded(7);
  const now = Math.floor(Date.now() / 1000);
  const attacks: Attack[] = [];
  const post = (kind: Attack['kind'], headers: Record<string, string>, body: string | Buffer, expect: Attack['expect'] = 'refused', status?: number, streamBytes?: number): Attack => ({
    route: '/slack/events',
    kind,
    method: 'POST',
    path: '/slack/events',
    headers,
    body,
    expect,
    status,
    streamBytes,
  });
  const typeOf = (body: string) => (body.trimStart().startsWith('{') || body.trimStart().startsWith('[') ? JSON_TYPE : FORM_TYPE);
  const material = [...hostileBodies(), ...m.slackOriginals.map((original) => original.body)];

  for (let i = 0; i < 300; i += 1) {
    const body = `${material[i % material.length]}${i >= material.length ? rand.text(rand.int(20)) : ''}`;
    // Slack's unsigned ssl_check pings pass the guard with anything smuggled beside them stripped, and Bolt answers them:
    // harmless by design.
    const sslCheck = typeOf(body) === FORM_TYPE && new URLSearchParams(body).get('ssl_check') === '1';
    attacks.push(post('unsigned', typeOf(body), body, sslCheck ? 'harmless' : 'refused', sslCheck ? undefined : 401));
  }

  const wrongSignatures = (body: string, ts: number): Array<Record<string, string>> => {
    const right = slackSignature(TEST_SLACK_SIGNING_SECRET, body, ts);
    return [
      { 'x-slack-signature': `v0=${Array.from({ length: 64 }, () => '0123456789abcdef'[rand.int(16)]).join('')}`, 'x-slack-request-timestamp': String(ts) },
      slackSignature('not-the-signing-secret', body, ts),
      slackSignature(TEST_SLACK_SIGNING_SECRET, `${body} `, ts),
      { ...right, 'x-slack-signature': right['x-slack-signature'].replace('v0=', 'v1=') },
      { ...right, 'x-slack-signature': right['x-slack-signature'].toUpperCase() },
      { ...right, 'x-slack-signature': right['x-slack-signature'].slice(0, -1) },
      { ...right, 'x-slack-signature': `${right['x-slack-signature']}, ${right['x-slack-signature']}` },
      { ...right, 'x-slack-request-timestamp': String(ts + 1) },
      { ...right, 'x-slack-request-timestamp': 'soon' },
      { 'x-slack-signature': right['x-slack-signature'] },
      { 'x-slack-signature': 'v0=', 'x-slack-request-timestamp': String(ts) },
    ];
  };
  for (const original of m.slackOriginals) {
    for (let i = 0; i < 12; i += 1) {
      for (const headers of wrongSignatures(original.body, now - i)) attacks.push(post('bad-signature', { ...typeOf(original.body), ...headers }, original.body, 'refused', 401));
    }
  }

  for (const original of m.slackOriginals) {
    for (const age of [301, 302, 600, 3_600, 86_400, 365 * 86_400, now, now + 1]) {
      const ts = now - age;
      attacks.push(post('stale-signed', { ...typeOf(original.body), ...slackSignature(TEST_SLACK_SIGNING_SECRET, original.body, ts) }, original.body, 'refused', 401));
    }
  }

  for (const original of m.slackOriginals) {
    for (let i = 0; i < 25; i += 1) attacks.push(post('replayed', original.headers, original.body, 'refused', 401));
    // A forged retry header does not help a copied command or click; a copied event is acked and ignored (its id was processed).
    const retry = { ...original.headers, 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' };
    for (let i = 0; i < 5; i += 1) attacks.push(original.isEvent ? post('replayed', retry, original.body, 'harmless', 200) : post('replayed', retry, original.body, 'refused', 401));
  }

  const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 'a');
  for (let i = 0; i < 3; i += 1) {
    attacks.push(post('oversized', { ...JSON_TYPE, ...slackSignature(TEST_SLACK_SIGNING_SECRET, 'x', now - i) }, huge, 'refused', 413));
    attacks.push(post('oversized', { ...FORM_TYPE }, Buffer.alloc(0), 'refused', 413, 6 * 1024 * 1024));
  }

  // Validly signed but broken: Bolt (or the guard in front of it) must answer 400, never throw.
  const broken = ['', '{', '}', 'null', 'true', '0', '"text"', '[]', '[{"type":"event_callback"}]', '\ufeff{}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`];
  broken.forEach((body, i) => attacks.push(post('malformed', { ...JSON_TYPE, ...slackSignature(TEST_SLACK_SIGNING_SECRET, body, now - 100 - i) }, body, 'refused', 400)));
  ['payload=', 'payload=%ZZ', 'payload=null', 'payload=%5B%5D', 'payload=%7B'].forEach((body, i) =>
    attacks.push(post('malformed', { ...FORM_TYPE, ...slackSignature(TEST_SLACK_SIGNING_SECRET, body, now - 150 - i) }, body, 'refused', 400)),
  );
  // Bolt only parses forms sent with exactly this content type; anything else is read as JSON and refused.
  const command = m.slackOriginals.find((original) => !original.isEvent);
  if (command) attacks.push(post('malformed', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...slackSignature(TEST_SLACK_SIGNING_SECRET, command.body, now - 190) }, command.body, 'refused', 400));
  return attacks;
}

function customRouteAttacks(m: Material): Attack[] {
  const rand = seeded(11);
  const attacks: Attack[] = [];
  const get = (route: string, kind: Attack['kind'], path: string, expect: Attack['expect'] = 'refused', status?: number): Attack => ({ route, kind, method: 'GET', path, expect, status });
  const post = (route: string, kind: Attack['kind'], path: string, body: string | Buffer, headers: Record<string, string> = {}, expect: Attack['expect'] = 'refused', status?: number, streamBytes?: number): Attack => ({
    route,
    kind,
    method: 'POST',
    path,
    body,
    headers: { ...JSON_TYPE, ...headers },
    expect,
    status,
    streamBytes,
  });
  const junk = () => encodeURIComponent(rand.text(1 + rand.int(60)));
  const shapedToken = () => `${Array.from({ length: 24 }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'[rand.int(64)]).join('')}.${Array.from({ length: 22 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[rand.int(36)]).join('')}`;
  const brokenPaths = ['%E0%A4%A', '%', '%ZZ', '..%2F..%2Fhealthz', '%00', '%2F%2F', 'a'.repeat(4_000)];

  for (let i = 0; i < 20; i += 1) attacks.push(get('/healthz', 'probe', `/healthz?${junk()}=${junk()}`, 'harmless', 200));
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) attacks.push({ route: '/healthz', kind: 'malformed', method, path: '/healthz', expect: 'refused', status: 404 });

  // Signed, single-use links (/l and the admin's Enterprise Connect link).
  for (const [route, prefix, spent] of [
    ['/l/:token', '/l', m.spentLinkPath],
    ['/enterprise/link/:token', '/enterprise/link', m.spentEnterpriseLinkPath],
  ] as const) {
    for (let i = 0; i < 200; i += 1) attacks.push(get(route, 'forged', `${prefix}/${i % 2 === 0 ? junk() : shapedToken()}`));
    for (const broken of brokenPaths) attacks.push(get(route, 'malformed', `${prefix}/${broken}`));
    for (let i = 0; i < 10; i += 1) attacks.push(get(route, 'replayed', spent, 'refused', 409));
    // A callback state where a link belongs: refused, and not spent by the attempt.
    for (let i = 0; i < 5; i += 1) attacks.push(get(route, 'forged', `${prefix}/${m.liveStateToken}`, 'refused', 400));
    attacks.push({ route, kind: 'malformed', method: 'POST', path: `${prefix}/${shapedToken()}`, expect: 'refused', status: 404 });
  }

  // Where Cronofy sends the browser back: forged, missing, oversized and misplaced states.
  for (const route of ['/cronofy/callback/calendar', '/cronofy/callback/conferencing', '/cronofy/callback/enterprise']) {
    const queries = [
      '',
      '?code=abc',
      '?error=access_denied',
      '?state=',
      `?state=${'s'.repeat(300)}&code=x`,
      `?state=${m.liveLinkToken}&code=x`,
      `?state=${m.liveStateToken}&state=${shapedToken()}&code=x`,
      '?state[$ne]=x&code=y',
      '?state=%E0%A4%A&code=y',
    ];
    for (const query of queries) attacks.push(get(route, 'forged', `${route}${query}`));
    for (let i = 0; i < 100; i += 1) attacks.push(get(route, 'forged', `${route}?state=${i % 2 === 0 ? junk() : shapedToken()}&code=${junk()}${i % 3 === 0 ? '&error=access_denied' : ''}`));
    attacks.push(get(route, 'oversized', `${route}?state=${'x'.repeat(20_000)}`, 'refused', 431));
  }
  // The calendar state of another route is not accepted here, whatever its owner.
  for (const route of ['/cronofy/callback/conferencing', '/cronofy/callback/enterprise']) attacks.push(get(route, 'cross-user', `${route}?state=${m.liveStateToken}&code=x&last_linked_profile_id=p`, 'refused', 400));
  // A reloaded callback page is answered "already done" and changes nothing.
  for (let i = 0; i < 10; i += 1) attacks.push(get('/cronofy/callback/calendar', 'replayed', m.spentCallbackPath, 'harmless'));
  for (let i = 0; i < 10; i += 1) attacks.push(get('/cronofy/callback/enterprise', 'replayed', m.spentEnterpriseCallbackPath, 'harmless'));

  for (const outcome of ['', 'x', 'REQUESTED', '%E0%A4%A', 'requested%00']) attacks.push(get('/enterprise/sync-started', 'forged', `/enterprise/sync-started?outcome=${outcome}`, 'refused', 400));
  attacks.push(get('/enterprise/sync-started', 'probe', '/enterprise/sync-started?outcome=requested', 'harmless', 200));

  // Cronofy's webhooks: HMAC over the raw bytes, or nothing happens.
  const hmacRoutes = [
    { route: '/cronofy/push/:connectionId', path: `/cronofy/push/${m.connectionId}`, unknownPath: () => `/cronofy/push/cal_${junk()}`, deliveries: m.pushDeliveries, body: () => JSON.stringify({ notification: { type: rand.pick(['profile_disconnected', 'verification', 'change']) }, channel: { channel_id: `chn_${rand.int(1e6)}` } }) },
    { route: '/cronofy/conferencing/:interviewId', path: `/cronofy/conferencing/int_${rand.int(1e6)}`, unknownPath: () => `/cronofy/conferencing/int_${junk()}`, deliveries: [], body: () => JSON.stringify({ notification: { type: 'conferencing_assigned' }, event: { event_id: `int_${rand.int(1e6)}`, conferencing: { provider_name: 'zoom', join_url: 'https://evil.example/j' } } }) },
    { route: '/cronofy/ec/:token', path: m.ecDeliveries[0]?.path ?? `/cronofy/ec/${'a'.repeat(43)}`, unknownPath: () => `/cronofy/ec/${shapedToken().replace('.', '').padEnd(43, 'x').slice(0, 43)}`, deliveries: m.ecDeliveries, body: () => JSON.stringify({ authorization: { code: `code_${rand.int(1e6)}` } }) },
  ];
  for (const target of hmacRoutes) {
    const targets = [target.path, ...target.deliveries.map((delivery) => delivery.path)];
    for (let i = 0; i < 100; i += 1) attacks.push(post(target.route, 'unsigned', rand.pick(targets), target.body(), {}, 'refused', 401));
    for (const delivery of target.deliveries) attacks.push(post(target.route, 'unsigned', delivery.path, delivery.body, {}, 'refused', 401));
    for (let i = 0; i < 60; i += 1) {
      const body = target.body();
      const wrong = [
        cronofyHmac('not-the-client-secret', body),
        cronofyHmac(TEST_CRONOFY_CLIENT_SECRET, `${body}\n`),
        Buffer.from(rand.text(32)).toString('base64'),
        `${cronofyHmac('old-secret', body)},${cronofyHmac('other-secret', body)}`,
        '',
        cronofyHmac(TEST_CRONOFY_CLIENT_SECRET, body).toLowerCase(),
      ][i % 6];
      attacks.push(post(target.route, 'bad-signature', rand.pick(targets), body, { 'cronofy-hmac-sha256': wrong }, 'refused', 401));
    }
    // Signed, but not something Slotline can act on: refused with a 4xx (a conferencing webhook of no known type
    // is ignored, as Cronofy asks of unknown notification types).
    for (const body of ['', '{', 'null', '[]', '"x"', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, '{"notification":null}', '{"authorization":"x"}']) {
      const ignorable = target.route === '/cronofy/conferencing/:interviewId' && body.startsWith('{"');
      attacks.push(post(target.route, 'malformed', target.path, body, { 'cronofy-hmac-sha256': cronofyHmac(TEST_CRONOFY_CLIENT_SECRET, body) }, ignorable ? 'harmless' : 'refused'));
    }
    for (let i = 0; i < 20; i += 1) {
      const body = target.body();
      attacks.push(post(target.route, 'forged', target.unknownPath(), body, { 'cronofy-hmac-sha256': cronofyHmac(TEST_CRONOFY_CLIENT_SECRET, body) }, target.route === '/cronofy/conferencing/:interviewId' ? 'harmless' : 'refused'));
    }
    for (const broken of brokenPaths.slice(0, 3)) attacks.push(post(target.route, 'malformed', target.path.replace(/[^/]+$/, broken), '{}', {}, 'refused'));
    attacks.push(post(target.route, 'oversized', target.path, Buffer.alloc(256 * 1024 + 1, 'a'), {}, 'refused', 413));
    attacks.push(post(target.route, 'oversized', target.path, Buffer.alloc(0), {}, 'refused', 413, 2 * 1024 * 1024));
    attacks.push({ route: target.route, kind: 'malformed', method: 'GET', path: target.path, expect: 'refused', status: 404 });
    // Cronofy signs no timestamp, so a copy of a real delivery is indistinguishable from its redelivery: it must change nothing.
    for (const delivery of target.deliveries) {
      for (let i = 0; i < 5; i += 1) attacks.push(post(target.route, 'replayed', delivery.path, delivery.body, { 'cronofy-hmac-sha256': cronofyHmac(TEST_CRONOFY_CLIENT_SECRET, delivery.body) }, 'harmless'));
    }
  }

  // Paths nobody serves in this mode, and URLs the router cannot even read.
  for (const path of ['/', '/nope', '/slack/install', '/slack/oauth_redirect?code=x&state=y', '/sandbox', '/sandbox/api/bootstrap', '/slack/events/x', '/l', '/cronofy/push/']) attacks.push(get('(unrouted)', 'probe', path, 'refused', 404));
  for (const path of ['//', '///', '//@', '//a:b@', '/%E0%A4%A']) attacks.push(get('(unrouted)', 'malformed', path, 'refused'));
  attacks.push({ route: '/slack/events', kind: 'malformed', method: 'GET', path: '/slack/events', expect: 'refused', status: 404 });
  return attacks;
}

describe('hostile requests on every route', () => {
  let harness: Harness;
  let material: Material;
  const logs: string[] = [];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  async function sendSlack(body: string, isEvent: boolean): Promise<SignedRequest> {
    const headers = { ...(isEvent ? JSON_TYPE : FORM_TYPE), ...slackSignature(TEST_SLACK_SIGNING_SECRET, body, Math.floor(Date.now() / 1000)) };
    const outcome = await send(harness.app.url, { route: '/slack/events', kind: 'probe', method: 'POST', path: '/slack/events', headers, body, expect: 'harmless' });
    if (outcome.status !== 200) throw new Error(`the original Slack request was answered ${outcome.status ?? outcome.error}`);
    return { headers, body, isEvent };
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    harness = await startHarness({
      people: [
        { ...ADMIN, calendar: GOOGLE },
        { slackId: 'U0ANN', name: 'ann', calendar: GOOGLE },
        { slackId: 'U0BOB', name: 'bob', calendar: GOOGLE },
        { slackId: 'U0CAT', name: 'cat', calendar: GOOGLE },
        { slackId: 'U0DAN', name: 'dan', calendar: GOOGLE },
        { slackId: 'U0EVE', name: 'eve', calendar: GOOGLE },
        { slackId: 'U0ECA', name: 'eca', email: 'eca@corp.test', calendar: { provider: 'office365' } },
        { slackId: 'U0ECB', name: 'ecb', email: 'ecb@corp.test', calendar: { provider: 'office365' } },
      ],
      start: { logger: createLogger('debug', (line) => logs.push(line)), enterprisePacing: { callsPerMinute: 60_000 } },
    });
    harness.cronofy.addEnterpriseDomain({ domain: 'corp.test', provider: 'office365', adminEmail: IT_ADMIN_EMAIL });
    await syncRoster(harness);
    const workspaceId = await harness.workspaceId();

    // Ann connected: tokens at rest, a push channel and its verification push.
    const annId = await connectCalendar(harness, 'U0ANN');
    const connectionId = (await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: annId } })).id;

    // Bob connects through his button: a spent link and a spent callback to replay.
    for (const person of ['U0BOB', 'U0CAT', 'U0DAN']) await harness.ctx.onboarding.sendChecklist(await employeeId(harness, person));
    const googleButton = async (slackUserId: string) => buttonUrl((await checklistMessage(harness, slackUserId)).blocks, 'onboarding_connect_calendar_google');
    const bobLink = await googleButton('U0BOB');
    const bobStart = await get(bobLink);
    const bobConsent = await consent(bobStart.location as string, { email: 'bob@acme.test', allow: true });
    expect(pageTitle(await get(bobConsent.location))).toBe('Google calendar connected');

    // Cat's link stays live; Dan's link was opened, so his calendar state is live at Cronofy's page.
    const catLink = await googleButton('U0CAT');
    const danStart = await get(await googleButton('U0DAN'));
    const danState = new URL(danStart.location as string).searchParams.get('state') as string;

    // Enterprise Connect linked, its per-person callbacks delivered by Cronofy.
    const ec = await linkEnterprise(harness, { workspaceId, adminSlackUserId: ADMIN.slackId, adminEmail: IT_ADMIN_EMAIL });
    expect(ec.status).toBe(200);
    await eventually(async () => harness.cronofy.deliveries.filter((d) => d.type === 'service_account_authorization' && d.status !== undefined).length >= 2 || undefined, { what: 'the Enterprise Connect callbacks' });
    const ecAdminLink = (await harness.ctx.enterprise.startLink(workspaceId, ADMIN.slackId)).url;
    expect((await get(ecAdminLink)).status).toBe(302);

    // One command and one event Slack really sent, to be replayed.
    const triggerId = harness.slack.issueTriggerId(TEAM, ADMIN.slackId);
    const command = new URLSearchParams({ token: 'x', team_id: TEAM, team_domain: 'acme', channel_id: 'D0ADA', channel_name: 'directmessage', user_id: ADMIN.slackId, user_name: 'ada', command: '/integrations', text: 'help', api_app_id: harness.slack.appId, is_enterprise_install: 'false', response_url: `${harness.slack.url}/response/none`, trigger_id: triggerId }).toString();
    const event = JSON.stringify({ token: 'x', team_id: TEAM, api_app_id: harness.slack.appId, type: 'event_callback', event_id: 'Ev0ABUSE1', event_time: Math.floor(Date.now() / 1000), event: { type: 'app_home_opened', user: 'U0ANN', channel: 'D0ANN', tab: 'messages', event_ts: '1.000001' } });
    const slackOriginals = [await sendSlack(command, false), await sendSlack(event, true)];
    await settle(harness);

    const path = (url: string) => pathOf(url);
    material = {
      slackOriginals,
      connectionId,
      pushDeliveries: harness.cronofy.deliveries.filter((d) => d.url.includes('/cronofy/push/')).map((d) => ({ path: path(d.url), body: d.body })),
      ecDeliveries: harness.cronofy.deliveries.filter((d) => d.type === 'service_account_authorization').map((d) => ({ path: path(d.url), body: d.body })),
      spentLinkPath: path(bobLink),
      spentCallbackPath: path(bobConsent.location),
      spentEnterpriseLinkPath: path(ecAdminLink),
      spentEnterpriseCallbackPath: path(ec.callbackUrl),
      liveLinkToken: catLink.split('/').at(-1) as string,
      liveStateToken: danState,
      liveStateUrl: danStart.location as string,
    };
    expect(material.pushDeliveries.length).toBeGreaterThan(0);
    expect(material.ecDeliveries.length).toBeGreaterThan(0);
  }, 60_000);

  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await harness?.stop();
  });

  it('refuses thousands of hostile requests with a 4xx, answers each one, and changes nothing', async () => {
    const attacks = [...slackAttacks(material), ...customRouteAttacks(material)];
    const counts = tally(attacks);
    expect(attacks.length).toBeGreaterThanOrEqual(2_000);
    for (const kind of ['malformed', 'unsigned', 'bad-signature', 'stale-signed', 'replayed', 'oversized', 'forged'] as const) expect(counts[kind]).toBeGreaterThan(10);

    // Every route the app serves is attacked.
    const served = buildRoutes(harness.ctx, { ping: async () => undefined, flavour: 'sqlite', mode: 'single-workspace' }).map((route) => route.path);
    const attacked = new Set(attacks.map((attack) => attack.route));
    expect([...served, '/slack/events'].filter((route) => !attacked.has(route))).toEqual([]);

    const before = snapshotDatabase(harness.databaseUrl, { ignoreTables: BOOKKEEPING_TABLES });
    const logsBefore = logs.length;
    const outcomes = await fire(harness.app.url, attacks, 32);
    expect(violations(outcomes)).toEqual([]);
    await settle(harness);

    expect(rejections).toEqual([]);
    expect(snapshotDatabase(harness.databaseUrl, { ignoreTables: BOOKKEEPING_TABLES })).toEqual(before);
    const errors = logs.slice(logsBefore).filter((line) => JSON.parse(line).level === 'error');
    expect(errors).toEqual([]);
    expect((await fetch(`${harness.app.url}/healthz`)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);

  it('refuses malformed HTTP on the wire without taking the server down', async () => {
    const probes = [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'POST /cronofy/push/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n',
      'GET /l/x HTTP/9.9\r\nHost: x\r\n\r\n',
    ];
    const statuses = await Promise.all(probes.map((probe) => sendRawHttp(harness.app.url, probe)));
    for (const status of statuses) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect((await fetch(`${harness.app.url}/healthz`)).status).toBe(200);
  });

  it('refuses a state used by someone else or at the wrong step, and leaves the owner’s sign-in usable', async () => {
    const danId = await employeeId(harness, 'U0DAN');
    // Eve signs in at Cronofy on the page Dan's link opened: her code comes back with Dan's state.
    const { location } = await consent(material.liveStateUrl, { email: 'eve@acme.test', allow: true });
    const page = await get(location);
    expect(page.status).toBe(403);
    expect(pageTitle(page)).toBe('That is not your calendar');
    expect(await harness.ctx.db.calendarConnection.findUnique({ where: { employeeId: danId } })).toBeNull();
    // Cronofy no longer holds an authorization for Eve that Slotline would keep.
    const eve = harness.cronofy.accounts().find((account) => account.email === 'eve@acme.test');
    expect(eve?.authorized).toBe(false);
  });

  it('leaves no token in plain text in the database or the log, and the live link unspent by the forgeries', async () => {
    const linkTokens = harness.slack
      .messages()
      .flatMap((message) => JSON.stringify(message.blocks ?? []).match(/\/(?:l|enterprise\/link)\/[A-Za-z0-9_-]{24}\.[A-Za-z0-9_-]{22}/g) ?? [])
      .map((match) => match.split('/').at(-1) as string);
    const callbackTokens = material.ecDeliveries.map((delivery) => delivery.path.split('/').at(-1) as string);
    const cronofyTokens = harness.cronofy.tokens.map((token) => token.token);
    expect(cronofyTokens.length).toBeGreaterThan(4);
    const secrets = [...cronofyTokens, ...linkTokens, ...callbackTokens, material.liveStateToken, harness.botToken, TEST_CRONOFY_CLIENT_SECRET, TEST_SLACK_SIGNING_SECRET];
    expect(plaintextSecrets(harness.databaseUrl, secrets)).toEqual([]);
    const log = logs.join('\n');
    expect(secrets.filter((secret) => log.includes(secret))).toEqual([]);

    const cat = await connectCalendarThroughButton(`${harness.app.publicUrl}/l/${material.liveLinkToken}`, { email: 'cat@acme.test', allow: true });
    expect(pageTitle(cat)).toBe('Google calendar connected');
  });
});
