import { createServer } from 'node:net';
import { App, type Installation } from '@slack/bolt';
import type { WebAPIPlatformError } from '@slack/web-api';
import { quietLogger, type SeededSimulator, SIGNING_SECRET, startSeededSimulator, webClient } from './simulator-fixtures';

const REDIRECT_URI = 'http://127.0.0.1:3000/slack/oauth_redirect';

function formFields(html: string): URLSearchParams {
  const fields = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(match[1], match[2].replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))));
  return fields;
}

describe('Slack simulator OAuth install flow', () => {
  let seeded: SeededSimulator;

  beforeAll(async () => {
    seeded = await startSeededSimulator({ clientId: '111.222', clientSecret: 'shh', rateLimitScale: 100 });
  });
  afterAll(() => seeded.sim.stop());

  async function approve(state: string): Promise<URL> {
    const query = new URLSearchParams({ client_id: '111.222', scope: 'chat:write,commands', state, redirect_uri: REDIRECT_URI });
    return approveAt(`${seeded.sim.url}/oauth/v2/authorize?${query}`);
  }

  async function approveAt(authorizeUrl: string): Promise<URL> {
    const page = await fetch(authorizeUrl);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<button type="submit" name="decision" value="allow">Allow</button>');
    const form = formFields(html);
    form.set('decision', 'allow');
    const decision = await fetch(`${seeded.sim.url}/oauth/v2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(decision.status).toBe(302);
    return new URL(String(decision.headers.get('location')));
  }

  it('redirects back with a code and the same state after Allow', async () => {
    const back = await approve('state-123');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    expect(back.searchParams.get('state')).toBe('state-123');
    expect(back.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('exchanges the code for the installation Bolt’s installer stores, installed by an admin', async () => {
    const code = String((await approve('s')).searchParams.get('code'));
    const installation = await webClient(seeded.sim).oauth.v2.access({ client_id: '111.222', client_secret: 'shh', code, redirect_uri: REDIRECT_URI });
    expect(installation).toMatchObject({
      ok: true,
      app_id: seeded.sim.appId,
      token_type: 'bot',
      access_token: seeded.botToken,
      bot_user_id: seeded.botUserId,
      scope: 'chat:write,commands',
      team: { id: seeded.teamId, name: 'Acme' },
      enterprise: null,
      authed_user: { id: seeded.ada },
      is_enterprise_install: false,
    });
  });

  it('refuses a code used twice, and a wrong client secret', async () => {
    const code = String((await approve('s')).searchParams.get('code'));
    const client = webClient(seeded.sim);
    await expect(client.oauth.v2.access({ client_id: '111.222', client_secret: 'wrong', code })).rejects.toMatchObject({ data: { error: 'bad_client_secret' } });
    await client.oauth.v2.access({ client_id: '111.222', client_secret: 'shh', code });
    const reused = await client.oauth.v2.access({ client_id: '111.222', client_secret: 'shh', code }).catch((error: WebAPIPlatformError) => error.data.error);
    expect(reused).toBe('invalid_code');
  });

  it('sends the person back with access_denied when they cancel', async () => {
    const form = new URLSearchParams({ client_id: '111.222', redirect_uri: REDIRECT_URI, state: 'abc', decision: 'deny' });
    const decision = await fetch(`${seeded.sim.url}/oauth/v2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    expect(new URL(String(decision.headers.get('location'))).search).toBe('?error=access_denied&state=abc');
  });

  it('shows an error page for an unknown client_id', async () => {
    const page = await fetch(`${seeded.sim.url}/oauth/v2/authorize?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT_URI)}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('invalid_client_id');
  });

  it('installs a real Bolt app through its own /slack/install and /slack/oauth_redirect', async () => {
    const port = await freePort();
    const stored: Installation[] = [];
    const app = new App({
      signingSecret: SIGNING_SECRET,
      clientId: '111.222',
      clientSecret: 'shh',
      stateSecret: 'state-secret',
      scopes: ['chat:write', 'commands'],
      redirectUri: `http://127.0.0.1:${port}/slack/oauth_redirect`,
      installationStore: {
        storeInstallation: async (installation) => void stored.push(installation),
        fetchInstallation: async () => Promise.reject(new Error('not needed here')),
      },
      installerOptions: { authorizationUrl: `${seeded.sim.url}/oauth/v2/authorize`, directInstall: true, redirectUriPath: '/slack/oauth_redirect' },
      clientOptions: { slackApiUrl: seeded.sim.apiUrl, retryConfig: { retries: 0 } },
      logger: quietLogger,
    });
    await app.start(port);
    try {
      const install = await fetch(`http://127.0.0.1:${port}/slack/install`, { redirect: 'manual' });
      const stateCookie = String(install.headers.get('set-cookie')).split(';')[0];
      const back = await approveAt(String(install.headers.get('location')));
      const callback = await fetch(back, { headers: { cookie: stateCookie }, redirect: 'manual' });
      expect(callback.status).toBe(200);
      expect(stored).toEqual([
        expect.objectContaining({
          team: { id: seeded.teamId, name: 'Acme' },
          user: expect.objectContaining({ id: seeded.ada }),
          bot: expect.objectContaining({ token: seeded.botToken, userId: seeded.botUserId, id: expect.stringMatching(/^B/), scopes: ['chat:write', 'commands'] }),
          appId: seeded.sim.appId,
          isEnterpriseInstall: false,
        }),
      ]);
    } finally {
      await app.stop();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
