import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { healthzRoute } from '../../src/http/healthz';
import { startHarness, TEST_SLACK_SIGNING_SECRET, type Harness } from '../support/harness';

function signedHeaders(body: string, timestamp = Math.floor(Date.now() / 1000), secret = TEST_SLACK_SIGNING_SECRET) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(timestamp) };
}

const responses: unknown[] = [];
const responseServer = http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    responses.push(JSON.parse(body));
    res.end('ok');
  });
});
let commandBody = '';

describe('Slack app shell', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ people: [{ slackId: 'U0ADA', name: 'ada', isAdmin: true }] });
    await new Promise<void>((resolve) => responseServer.listen(0, '127.0.0.1', resolve));
    const responseUrl = `http://127.0.0.1:${(responseServer.address() as AddressInfo).port}/response`;
    commandBody = new URLSearchParams({ command: '/integrations', text: 'help', team_id: 'T0TEST', user_id: 'U0ADA', channel_id: 'D1', response_url: responseUrl, trigger_id: '1.2.3' }).toString();
  });

  afterAll(async () => {
    responseServer.close();
    await harness.stop();
  });

  const post = (headers: Record<string, string>, body = commandBody) => fetch(`${harness.app.url}/slack/events`, { method: 'POST', headers, body });

  it('refuses a request signed with another secret', async () => {
    expect((await post(signedHeaders(commandBody, undefined, 'wrong-secret'))).status).toBe(401);
  });

  it('refuses a request whose body was changed after signing', async () => {
    expect((await post(signedHeaders(commandBody), commandBody.replace('help', 'status'))).status).toBe(401);
  });

  it('refuses a stale signature (older than five minutes)', async () => {
    expect((await post(signedHeaders(commandBody, Math.floor(Date.now() / 1000) - 6 * 60))).status).toBe(401);
  });

  it('refuses an unsigned request', async () => {
    expect((await post({ 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(401);
  });

  it('refuses an unsigned request to the endpoint with a query string (the path Bolt routes on)', async () => {
    const answered = await fetch(`${harness.app.url}/slack/events?ssl_check=1`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: commandBody });
    expect(answered.status).toBe(401);
  });

  it('answers Slack’s unsigned ssl_check ping, and runs nothing smuggled beside it', async () => {
    // Bolt reads a form's `payload` as the whole request, so a payload beside ssl_check would be handled unsigned.
    const smuggled = { type: 'view_submission', team: { id: 'T0TEST' }, user: { id: 'U0ADA' }, view: { id: 'V0SMUGGLED', callback_id: 'schedule_interview_form', private_metadata: '', state: { values: {} } } };
    const answered = await post({ 'Content-Type': 'application/x-www-form-urlencoded' }, `ssl_check=1&payload=${encodeURIComponent(JSON.stringify(smuggled))}`);
    expect(answered.status).toBe(200);
    expect(await answered.text()).toBe('');
  });

  it('accepts a correctly signed request (so the refusals above are about the signature)', async () => {
    expect((await post(signedHeaders(commandBody))).status).toBe(200);
    for (let waited = 0; responses.length === 0 && waited < 2000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(responses).toHaveLength(1);
  });

  it('reports database reachability on /healthz', async () => {
    const response = await fetch(`${harness.app.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: { flavour: 'sqlite', reachable: true }, mode: 'single-workspace' });
  });

  it('processes an Events API event once even when Slack retries it', async () => {
    const event = { type: 'app_home_opened', user: 'U0ADA', channel: 'D0ADA', tab: 'home', event_ts: '1.0' };
    const first = await harness.slack.sendEvent({ teamId: harness.teamId, event, eventId: 'Ev0RETRY1' });
    const retry = await harness.slack.sendEvent({ teamId: harness.teamId, event, eventId: 'Ev0RETRY1', retryNum: 1, retryReason: 'http_timeout' });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(await harness.ctx.db.processedSlackEvent.count({ where: { eventId: 'Ev0RETRY1' } })).toBe(1);
  });
});

describe('/healthz when the database is gone', () => {
  it('answers 503 and says the database is unreachable', async () => {
    const route = healthzRoute({ flavour: 'postgres', mode: 'oauth', ping: () => Promise.reject(new Error('connection refused')) });
    const server = http.createServer((req, res) => void route.handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'unavailable', database: { flavour: 'postgres', reachable: false }, mode: 'oauth' });
    } finally {
      server.close();
    }
  });
});
