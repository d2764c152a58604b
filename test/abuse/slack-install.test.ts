// "Add to Slack" (OAuth mode) under attack: forged, expired, cross-browser and replayed states, forged codes,
// cancelled installs, unsigned events. Each gets a 4xx page, nothing is installed twice, no token is stored in plain text.
import { createHmac } from 'node:crypto';
import { startHarness, TEST_SLACK_SIGNING_SECRET, type Harness } from '../support/harness';
import { fire, plaintextSecrets, seeded, slackSignature, snapshotDatabase, violations, type Attack } from './abuse-support';

const TEAM = 'T0OAUTH';
const STATE_COOKIE = 'slotline-slack-oauth-state';

function cookieOf(response: Response): string {
  return (response.headers.getSetCookie?.() ?? []).map((cookie) => cookie.split(';')[0]).join('; ');
}

/** A JSON Web Token like Bolt's state, signed with a secret that is not Slotline's. */
function forgedJwt(payload: object, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('Add to Slack under attack', () => {
  let harness: Harness;

  /** Starts an install like a browser: the state Slack will echo, and the cookie that binds it to this browser. */
  async function startInstall(): Promise<{ state: string; cookie: string; authorize: URL }> {
    const install = await fetch(`${harness.app.url}/slack/install`, { redirect: 'manual' });
    const authorize = new URL(install.headers.get('location') ?? '');
    return { state: authorize.searchParams.get('state') ?? '', cookie: cookieOf(install), authorize };
  }

  /** The owner approves on Slack's page: the redirect back to Slotline, with a real code. */
  async function approve(authorize: URL): Promise<URL> {
    const form = new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision: 'allow', installer: `${TEAM}:U0OWNER` });
    const decision = await fetch(`${harness.slack.url}/oauth/v2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    return new URL(decision.headers.get('location') ?? '');
  }

  beforeAll(async () => {
    harness = await startHarness({
      teamId: TEAM,
      people: [{ slackId: 'U0OWNER', name: 'olive', isAdmin: true, isOwner: true }],
      env: { SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '', SLACK_CLIENT_SECRET: '', SLACK_STATE_SECRET: 'state-secret' },
      start: {},
    });
  }, 20_000);

  afterAll(() => harness.stop());

  it('installs once for real, then refuses forged, cross-browser, expired and replayed callbacks with a 4xx', async () => {
    const real = await startInstall();
    const callback = await approve(real.authorize);
    const installed = await fetch(`${harness.app.url}${callback.pathname}${callback.search}`, { headers: { cookie: real.cookie }, redirect: 'manual' });
    expect(installed.status).toBe(200);
    expect(await harness.ctx.db.slackInstallation.count()).toBe(1);

    const other = await startInstall();
    const otherCallback = await approve(other.authorize);
    const rand = seeded(3);
    const now = Date.now();
    const redirect = (query: string, cookie?: string): Attack => ({
      route: '/slack/oauth_redirect',
      kind: 'forged',
      method: 'GET',
      path: `/slack/oauth_redirect${query}`,
      headers: cookie ? { cookie } : {},
      expect: 'refused',
      status: 400,
    });
    const cookieFor = (state: string) => `${STATE_COOKIE}=${state}`;
    const attacks: Attack[] = [
      redirect(''),
      redirect('?code=abc'),
      redirect('?state=abc'),
      redirect('?error=access_denied'),
      redirect(`?error=access_denied&state=${real.state}`, real.cookie),
      redirect('?code=abc&state=forged'),
      redirect('?code=abc&state=forged', cookieFor('forged')),
      redirect(`?code=abc&state=${real.state}`),
      // Cross-browser: another install's state with this browser's cookie, and the other way round.
      redirect(`?code=${otherCallback.searchParams.get('code')}&state=${other.state}`, real.cookie),
      redirect(`?code=${callback.searchParams.get('code')}&state=${real.state}`, other.cookie),
      // A state signed with another secret, and a real state past its 10 minutes.
      ...[forgedJwt({ installOptions: { scopes: [] }, now: new Date(now).toJSON(), random: 1 }, 'not-the-state-secret')].map((jwt) => redirect(`?code=abc&state=${jwt}`, cookieFor(jwt))),
      ...['none', 'HS256'].map((alg) => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const jwt = `${part({ alg, typ: 'JWT' })}.${part({ installOptions: { scopes: [] }, now: new Date(now - 3_600_000).toJSON() })}.`;
        return redirect(`?code=abc&state=${jwt}`, cookieFor(jwt));
      }),
      // The right state and cookie with a forged code, and the spent callback replayed: Slack refuses the code.
      redirect(`?code=forged-code&state=${real.state}`, real.cookie),
      redirect(`${callback.search}`, real.cookie),
    ];
    for (let i = 0; i < 150; i += 1) {
      const state = encodeURIComponent(rand.text(1 + rand.int(300)));
      attacks.push(redirect(`?code=${encodeURIComponent(rand.text(12))}&state=${state}`, i % 2 === 0 ? cookieFor(state) : undefined));
    }
    // Unsigned and stale-signed events for the installed team and for teams that never installed.
    const ts = Math.floor(now / 1000);
    for (let i = 0; i < 100; i += 1) {
      const team = i % 2 === 0 ? TEAM : `T0${rand.int(1e6)}`;
      const body = JSON.stringify({ type: 'event_callback', team_id: team, event_id: `Ev${i}`, event: { type: i % 3 === 0 ? 'app_uninstalled' : 'tokens_revoked', tokens: { bot: ['U0BOT'] } } });
      const headers = i % 4 === 0 ? slackSignature(TEST_SLACK_SIGNING_SECRET, body, ts - 400) : i % 4 === 1 ? slackSignature('guess', body, ts) : {};
      attacks.push({ route: '/slack/events', kind: i % 4 === 0 ? 'stale-signed' : 'unsigned', method: 'POST', path: '/slack/events', headers: { 'content-type': 'application/json', ...headers }, body, expect: 'refused', status: 401 });
    }
    for (let i = 0; i < 20; i += 1) attacks.push({ route: '/slack/install', kind: 'probe', method: 'GET', path: `/slack/install?${encodeURIComponent(rand.text(20))}=1`, expect: 'harmless' });
    for (const method of ['POST', 'PUT', 'DELETE']) attacks.push({ route: '/slack/install', kind: 'malformed', method, path: '/slack/install', expect: 'refused', status: 404 });

    const before = snapshotDatabase(harness.databaseUrl, { ignoreTables: ['SlackRequestReceipt'] });
    const outcomes = await fire(harness.app.url, attacks, 16);
    expect(violations(outcomes)).toEqual([]);
    expect(snapshotDatabase(harness.databaseUrl, { ignoreTables: ['SlackRequestReceipt'] })).toEqual(before);

    // The installation still works, and its tokens are only stored encrypted.
    expect((await harness.slack.slashCommand({ teamId: TEAM, userId: 'U0OWNER', command: '/integrations', text: 'help' })).status).toBe(200);
    const row = await harness.ctx.db.slackInstallation.findUniqueOrThrow({ where: { installationKey: TEAM } });
    const botToken = (JSON.parse(harness.ctx.cipher.decrypt(row.installationEnc)) as { bot: { token: string } }).bot.token;
    expect(botToken).toMatch(/^xoxb-/);
    expect(plaintextSecrets(harness.databaseUrl, [botToken, harness.botToken, harness.slack.clientSecret, 'state-secret'])).toEqual([]);
  });
});
