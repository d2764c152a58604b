// The sandbox page's server (/sandbox, /sandbox/api) against real Slotline in sandbox mode. Slack's deliveries go to a
// recording app here, so each test sees exactly what Slack would send when the page acts for a person.
import { RecordingApp } from '../simulators/slack/recording-app';
import { DEMO_PEOPLE, DEMO_TEAM } from '../../src/sandbox/demo-company';
import { startSandboxSlotline, type SandboxSlotline } from './sandbox-fixtures';

const EMIL = 'U0DEMOEM1';
const RITA = 'U0DEMOREC';

describe('sandbox page server', () => {
  let running: SandboxSlotline;
  let app: RecordingApp;

  beforeAll(async () => {
    running = await startSandboxSlotline();
    app = await RecordingApp.start(running.sandbox.slack.signingSecret);
    running.sandbox.connectApp(app.url);
  }, 30_000);

  afterAll(async () => {
    await running.stop();
    await app.stop();
  });

  beforeEach(() => {
    app.respond = () => ({});
  });

  const get = async (path: string) => {
    const response = await fetch(`${running.url}${path}`);
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${running.url}/sandbox/api${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };
  const received = (type: string) => app.received.filter((request) => request.body.type === type || request.body.command === type);

  describe('page and assets', () => {
    it('serves the page with a content security policy that keeps scripts and requests on Slotline’s origin', async () => {
      const page = await get('/sandbox');
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
      expect(page.text).toContain('<script type="module" src="/sandbox/assets/app.js"></script>');
    });

    it('serves the page’s modules and stylesheet, and nothing else from the folder or beyond', async () => {
      const script = await get('/sandbox/assets/block-kit.js');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(script.text).toContain('export function renderBlocks');
      expect((await get('/sandbox/assets/sandbox.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
      expect((await get('/sandbox/assets/tsconfig.json')).status).toBe(404);
      expect((await get('/sandbox/assets/..%2F..%2F..%2Fpackage.json')).status).toBe(404);
      expect((await get('/sandbox/assets/%2E%2E%2Fsandbox-api.ts')).status).toBe(404);
    });
  });

  it('describes the demo company: people with roles, the directory, and the slash commands of manifest.json', async () => {
    const { status, body } = await api('/bootstrap');
    expect(status).toBe(200);
    expect(body.team).toEqual({ id: DEMO_TEAM.teamId, name: DEMO_TEAM.name });
    expect(body.people.map((p: { slackId: string; role: string }) => [p.slackId, p.role])).toEqual(DEMO_PEOPLE.map((p) => [p.slackId, p.role]));
    expect(body.users).toEqual(expect.arrayContaining([expect.objectContaining({ id: EMIL, name: 'emil', realName: 'Emil Engineer', isBot: false })]));
    expect(body.commands.map((c: { command: string }) => c.command)).toEqual(['/integrations', '/schedule-interview']);
    expect(JSON.stringify(body)).not.toContain('xoxb-');
  });

  describe('slash commands', () => {
    it('sends the command as Slack would, with typed @names and emails escaped', async () => {
      const { status, body } = await api(`/people/${RITA}/slash-command`, { command: '/schedule-interview', text: 'Jane Doe jane@example.com @emil 45m' });
      expect(status).toBe(200);
      expect(body).toEqual({ status: 200, ackMs: expect.any(Number), ackedInTime: true });
      expect(received('/schedule-interview').at(-1)?.body).toMatchObject({ user_id: RITA, team_id: DEMO_TEAM.teamId, text: 'Jane Doe <mailto:jane@example.com|jane@example.com> <@U0DEMOEM1|emil> 45m' });
    });

    it('refuses commands Slotline does not have and people who are not in the demo company', async () => {
      const unknown = await api(`/people/${RITA}/slash-command`, { command: '/deploy', text: '' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain('/deploy is not a valid command');
      const stranger = await api('/people/U0NOBODY/slash-command', { command: '/integrations', text: '' });
      expect(stranger.status).toBe(400);
      expect(stranger.body.message).toContain('not a person of the demo company');
      expect((await api(`/people/${RITA}/slash-command`, 'not an object')).status).toBe(400);
    });

    it('shows the command’s ephemeral reply in the person’s conversation, and only theirs', async () => {
      app.respond = (request) => (request.body.command === '/integrations' ? { body: { text: 'Only *you* can see this' } } : {});
      await api(`/people/${EMIL}/slash-command`, { command: '/integrations', text: 'help' });
      const emil = await api(`/people/${EMIL}/conversation`);
      expect(emil.body.messages).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'ephemeral', text: 'Only *you* can see this' })]));
      const rita = await api(`/people/${RITA}/conversation`);
      expect(JSON.stringify(rita.body.messages)).not.toContain('Only *you* can see this');
    });
  });

  describe('clicks and selections', () => {
    let ts: string;
    let channel: string;

    beforeAll(async () => {
      const posted = await running.bot.chat.postMessage({
        channel: EMIL,
        text: 'Pick one',
        blocks: [
          { type: 'actions', block_id: 'b1', elements: [{ type: 'button', action_id: 'connect', text: { type: 'plain_text', text: 'Connect' }, url: 'https://example.com/c', value: 'google' }] },
          { type: 'actions', block_id: 'b2', elements: [{ type: 'static_select', action_id: 'provider', options: [{ text: { type: 'plain_text', text: 'Zoom' }, value: 'zoom' }] }] },
        ],
      });
      ts = String(posted.ts);
      channel = String(posted.channel);
    });

    it('lists the message in the person’s conversation', async () => {
      const { body } = await api(`/people/${EMIL}/conversation`);
      expect(body.messages).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'message', ts, channel, text: 'Pick one', files: [] })]));
    });

    it('sends block_actions for a button, URL buttons included', async () => {
      const { status, body } = await api(`/people/${EMIL}/interact`, { kind: 'button', actionId: 'connect', blockId: 'b1', value: 'google', in: { channel, ts } });
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 200, ackedInTime: true });
      expect(body).not.toHaveProperty('responseUrl');
      expect(received('block_actions').at(-1)?.body).toMatchObject({ user: { id: EMIL }, actions: [{ action_id: 'connect', value: 'google', url: 'https://example.com/c' }] });
    });

    it('sends the chosen option, completed from the element as Slack does', async () => {
      await api(`/people/${EMIL}/interact`, { kind: 'element', actionId: 'provider', blockId: 'b2', in: { channel, ts }, selection: { selected_option: { value: 'zoom' } } });
      expect(received('block_actions').at(-1)?.body).toMatchObject({ actions: [{ action_id: 'provider', selected_option: { value: 'zoom', text: { type: 'plain_text', text: 'Zoom' } } }] });
    });

    it('answers 400 with the simulator’s reason when the element is not there', async () => {
      const { status, body } = await api(`/people/${EMIL}/interact`, { kind: 'button', actionId: 'gone', in: { channel, ts } });
      expect(status).toBe(400);
      expect(body.error).toContain('No element with action_id "gone"');
    });

    it('reports the app’s failure to acknowledge as Slack sees it', async () => {
      app.respond = () => ({ status: 500 });
      const { status, body } = await api(`/people/${EMIL}/interact`, { kind: 'button', actionId: 'connect', in: { channel, ts } });
      expect(status).toBe(200);
      expect(body.status).toBe(500);
    });

    it('lets people use only their own Home tab', async () => {
      const { status, body } = await api(`/people/${EMIL}/interact`, { kind: 'button', actionId: 'x', in: { home: RITA } });
      expect(status).toBe(400);
      expect(body.message).toBe('People can only use their own Home tab.');
    });
  });

  it('tells the app a person opened its Home or Messages tab', async () => {
    const { body } = await api(`/people/${EMIL}/app-home-opened`, { tab: 'home' });
    expect(body).toMatchObject({ status: 200, ackedInTime: true });
    expect(received('event_callback').at(-1)?.body).toMatchObject({ event: { type: 'app_home_opened', user: EMIL, tab: 'home', channel: expect.stringMatching(/^D/) } });
    expect((await api(`/people/${EMIL}/app-home-opened`, { tab: 'settings' })).status).toBe(400);
  });

  describe('modals', () => {
    let viewId: string;

    beforeEach(async () => {
      const opened = await running.bot.views.open({
        trigger_id: running.sandbox.slackSimulator.issueTriggerId(DEMO_TEAM.teamId, RITA),
        view: {
          type: 'modal',
          callback_id: 'book',
          title: { type: 'plain_text', text: 'Book' },
          submit: { type: 'plain_text', text: 'Book' },
          blocks: [{ type: 'input', block_id: 'email', label: { type: 'plain_text', text: 'Email' }, element: { type: 'email_text_input', action_id: 'value' } }],
        },
      });
      viewId = String(opened.view?.id);
    });

    it('submits the values and shows the field errors the app answers with', async () => {
      app.respond = (request) => (request.body.type === 'view_submission' ? { body: { response_action: 'errors', errors: { email: 'That address bounced.' } } } : {});
      const submitted = await api(`/people/${RITA}/submit-view`, { viewId, values: { email: { value: { type: 'email_text_input', value: 'jane@example.com' } } } });
      expect(submitted.body).toMatchObject({ status: 200, outcome: 'errors' });
      expect(received('view_submission').at(-1)?.body).toMatchObject({ view: { id: viewId, state: { values: { email: { value: { type: 'email_text_input', value: 'jane@example.com' } } } } } });
      const { body: modals } = await api(`/people/${RITA}/modals`);
      expect(modals).toEqual([expect.objectContaining({ id: viewId, errors: { email: 'That address bounced.' } })]);
    });

    it('closes the modal when the app acknowledges the submission, or when the person closes it', async () => {
      expect((await api(`/people/${RITA}/submit-view`, { viewId, values: { email: { value: { type: 'email_text_input', value: 'jane@example.com' } } } })).body.outcome).toBe('closed');
      expect((await api(`/people/${RITA}/modals`)).body).toEqual([]);
    });

    it('closes the modal for the person, telling the app only when it asked to be notified', async () => {
      expect(await api(`/people/${RITA}/close-view`, { viewId })).toEqual({ status: 200, body: { closed: true } });
      expect((await api(`/people/${RITA}/modals`)).body).toEqual([]);
      expect((await api(`/people/${RITA}/close-view`, { viewId })).status).toBe(400);
    });

    it('refuses values for elements the modal does not have', async () => {
      const { status, body } = await api(`/people/${RITA}/submit-view`, { viewId, values: { nope: { value: { type: 'plain_text_input', value: 'x' } } } });
      expect(status).toBe(400);
      expect(body.error).toContain('No element with action_id "value" in block "nope"');
      await api(`/people/${RITA}/close-view`, { viewId });
    });
  });

  it('shares files posted in the person’s DM, and no one else’s', async () => {
    await running.bot.files.uploadV2({ channel_id: (await running.bot.conversations.open({ users: EMIL })).channel?.id, filename: 'status.csv', content: 'name,ready\nEmil,yes\n', title: 'Readiness' });
    const { body } = await api(`/people/${EMIL}/conversation`);
    const file = body.messages.flatMap((message: { files: Array<{ id: string; filename: string }> }) => message.files).find((f: { filename: string }) => f.filename === 'status.csv');
    expect(file).toMatchObject({ title: 'Readiness' });
    const download = await get(`/sandbox/api/people/${EMIL}/files/${file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="status.csv"');
    expect(download.text).toBe('name,ready\nEmil,yes\n');
    expect((await get(`/sandbox/api/people/${RITA}/files/${file.id}`)).status).toBe(404);
  });

  it('reads the demo calendars, busy times included, from the Cronofy simulator', async () => {
    const { status, body } = await api('/calendars');
    expect(status).toBe(200);
    expect(body.people.map((p: { email: string }) => p.email)).toEqual(DEMO_PEOPLE.map((p) => p.email));
    expect(body.events).toEqual(expect.arrayContaining([expect.objectContaining({ ownerEmail: 'emil@acme-robotics.example', summary: 'Team stand-up' })]));
  });

  describe('live updates', () => {
    it('answers a long-poll as soon as something changes, saying only what changed for whom', async () => {
      const { body: start } = await api('/changes?since=0&waitMs=0');
      const polled = api(`/changes?since=${start.seq}&waitMs=5000`);
      await running.bot.chat.postMessage({ channel: EMIL, text: 'Secret interview details' });
      const { status, body } = await polled;
      expect(status).toBe(200);
      expect(body.seq).toBeGreaterThan(start.seq);
      expect(body.changes).toEqual(expect.arrayContaining([{ seq: expect.any(Number), kind: 'message', userId: expect.any(String), channel: expect.stringMatching(/^D/) }]));
      expect(JSON.stringify(body)).not.toContain('Secret interview details');
    });

    it('refuses polls longer than 25 seconds', async () => {
      expect((await api('/changes?since=0&waitMs=60000')).status).toBe(400);
    });

    it('ends open polls when Slotline stops, instead of holding the shutdown', async () => {
      const { body: start } = await api('/changes?since=0&waitMs=0');
      const polled = fetch(`${running.url}/sandbox/api/changes?since=${start.seq}&waitMs=25000`).then((response) => response.json(), (error: unknown) => ({ error }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = Date.now();
      await running.stop();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await polled).toMatchObject({ changes: [], ended: true });
    });
  });
});
