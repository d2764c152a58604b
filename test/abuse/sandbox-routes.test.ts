// Sandbox mode's extra routes (/sandbox, its assets and its API) under malformed, oversized and misdirected
// requests: each gets a 4xx (the public page and its assets excepted), none a 5xx, and nothing changes.
import { sandboxRoutes } from '../../src/sandbox/sandbox-routes';
import { startSandboxSlotline, type SandboxSlotline } from '../sandbox/sandbox-fixtures';
import { fire, seeded, slackSignature, snapshotDatabase, violations, type Attack } from './abuse-support';

describe('sandbox routes under attack', () => {
  let running: SandboxSlotline;

  beforeAll(async () => {
    running = await startSandboxSlotline();
  }, 30_000);

  afterAll(() => running.stop());

  it('answers every malformed request with a 4xx and changes nothing', async () => {
    const rand = seeded(5);
    const json = { 'content-type': 'application/json' };
    const attacks: Attack[] = [];
    const api = (route: string, method: string, path: string, body?: string | Buffer, expect: Attack['expect'] = 'refused', status?: number, streamBytes?: number): Attack => ({
      route,
      kind: body && body.length > 200_000 ? 'oversized' : streamBytes ? 'oversized' : 'malformed',
      method,
      path,
      headers: body === undefined && !streamBytes ? {} : json,
      body,
      expect,
      status,
      streamBytes,
    });
    const person = 'U0DEMOEM1';
    const posts = ['app-home-opened', 'slash-command', 'interact', 'submit-view', 'close-view'];
    const gets = ['conversation', 'home', 'modals'];
    const bodies = ['', '{', 'null', '[]', '"x"', '{"__proto__":{"polluted":1}}', '{"tab":"nope"}', '{"command":"/nope"}', '{"kind":"button"}', '{"viewId":""}', '{"values":{"a":"b"}}', `${'['.repeat(5_000)}${']'.repeat(5_000)}`];
    for (const action of posts) {
      for (const body of bodies) attacks.push(api(`/sandbox/api/people/:userId/${action}`, 'POST', `/sandbox/api/people/${person}/${action}`, body, 'refused', 400));
      for (let i = 0; i < 20; i += 1) attacks.push(api(`/sandbox/api/people/:userId/${action}`, 'POST', `/sandbox/api/people/${encodeURIComponent(rand.text(1 + rand.int(30)))}/${action}`, '{"tab":"home"}', 'refused'));
      attacks.push(api(`/sandbox/api/people/:userId/${action}`, 'POST', `/sandbox/api/people/${person}/${action}`, Buffer.alloc(256 * 1024 + 1, 'a'), 'refused', 413));
      attacks.push(api(`/sandbox/api/people/:userId/${action}`, 'POST', `/sandbox/api/people/${person}/${action}`, Buffer.alloc(0), 'refused', 413, 1024 * 1024));
      attacks.push(api(`/sandbox/api/people/:userId/${action}`, 'GET', `/sandbox/api/people/${person}/${action}`, undefined, 'refused', 404));
    }
    for (const view of gets) {
      for (let i = 0; i < 20; i += 1) attacks.push(api(`/sandbox/api/people/:userId/${view}`, 'GET', `/sandbox/api/people/${encodeURIComponent(rand.text(1 + rand.int(30)))}/${view}`));
      attacks.push(api(`/sandbox/api/people/:userId/${view}`, 'GET', `/sandbox/api/people/%E0%A4%A/${view}`, undefined, 'refused', 400));
    }
    for (let i = 0; i < 20; i += 1) attacks.push(api('/sandbox/api/people/:userId/files/:fileId', 'GET', `/sandbox/api/people/${person}/files/${encodeURIComponent(rand.text(1 + rand.int(30)))}`, undefined, 'refused', 404));
    for (const query of ['', '?since=abc', '?since=-1', '?since=0&waitMs=999999', '?since=0&waitMs=-5', '?since=1e400']) attacks.push(api('/sandbox/api/changes', 'GET', `/sandbox/api/changes${query}`, undefined, 'refused', 400));
    for (const file of ['..%2F..%2Fpackage.json', '%2E%2E%2Fsandbox-api.ts', 'index.html', 'tsconfig.json', '%00', '%E0%A4%A', 'x'.repeat(3_000)]) attacks.push(api('/sandbox/assets/:file', 'GET', `/sandbox/assets/${file}`, undefined, 'refused'));
    for (const path of ['/sandbox', '/sandbox/assets/app.js', '/sandbox/api/bootstrap', '/sandbox/api/calendars']) attacks.push(api(path === '/sandbox/assets/app.js' ? '/sandbox/assets/:file' : path, 'GET', path, undefined, 'harmless', 200));
    for (const path of ['/sandbox', '/sandbox/api/bootstrap', '/sandbox/api/calendars']) attacks.push(api(path, 'POST', path, '{}', 'refused', 404));
    const ts = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 60; i += 1) {
      const body = JSON.stringify({ type: 'event_callback', team_id: 'T0DEMO', event_id: `Ev${i}`, event: { type: 'app_home_opened', user: person } });
      const headers = i % 3 === 0 ? slackSignature('guessed-secret', body, ts) : i % 3 === 1 ? slackSignature(running.sandbox.slack.signingSecret, body, ts - 400) : {};
      attacks.push({ route: '/slack/events', kind: i % 3 === 1 ? 'stale-signed' : 'unsigned', method: 'POST', path: '/slack/events', headers: { ...json, ...headers }, body, expect: 'refused', status: 401 });
    }

    const served = sandboxRoutes(running.sandbox, running.slotline.ctx.logger).map((route) => route.path);
    const attacked = new Set(attacks.map((attack) => attack.route));
    expect(served.filter((route) => !attacked.has(route))).toEqual([]);

    // The demo company's import runs in the background at start; the attacks begin once it is done.
    for (let round = 0; round < 20 && (await running.slotline.ctx.jobs.drain()) > 0; round += 1);
    const databaseUrl = running.slotline.ctx.config.databaseUrl;
    const before = snapshotDatabase(databaseUrl, { ignoreTables: ['SlackRequestReceipt'] });
    const outcomes = await fire(running.url, attacks, 16);
    expect(violations(outcomes)).toEqual([]);
    expect(snapshotDatabase(databaseUrl, { ignoreTables: ['SlackRequestReceipt'] })).toEqual(before);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
