// Socket Mode (SLACK_APP_TOKEN): Slack's requests arrive over a WebSocket Slotline opens with the app-level token,
// and Slotline's own routes (health, links, Cronofy's callbacks) stay on its HTTP server.
import { FORM, openScheduler, submitForm } from '../scheduling/scheduling-driver';
import { startHarness, type Harness } from '../support/harness';
import { until } from '../support/until';

describe('Socket Mode', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      env: { SLACK_APP_TOKEN: '' },
      people: [
        { slackId: 'U0ADA', name: 'ada', isAdmin: true },
        { slackId: 'U0REC', name: 'rita' },
      ],
    });
    await until('the Socket Mode connection', async () => harness.slack.socketConnections === 1);
  });

  afterAll(() => harness?.stop());

  const helpAnswers = () => harness.slack.responseUrlPosts().filter((post) => JSON.stringify(post.body).includes('/integrations status'));

  it('connects with the app-level token, and nothing but its own routes is on HTTP', async () => {
    expect(harness.slack.apiCalls('apps.connections.open')).toHaveLength(1);
    expect((await fetch(`${harness.app.url}/healthz`)).status).toBe(200);
    const posted = await fetch(`${harness.app.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"url_verification","challenge":"x"}' });
    expect(posted.status).toBe(404);
  });

  it('takes a slash command over the socket and answers it', async () => {
    const before = helpAnswers().length;
    const result = await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0ADA', command: '/integrations', text: 'help' });
    expect(result.status).toBe(200);
    expect(result.ackedInTime).toBe(true);
    await until('the help text', async () => helpAnswers().length > before);
  });

  it('takes an event over the socket', async () => {
    await harness.slack.openHome(harness.teamId, 'U0REC');
    const home = await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0REC', { timeoutMs: 5000 });
    expect(JSON.stringify(home)).toContain('Your interview setup');
  });

  it('puts a modal submission’s answer in the ack: field errors stay in the modal', async () => {
    const form = await openScheduler(harness, 'U0REC');
    const result = await submitForm(harness, 'U0REC', form.id, { candidateName: 'Jane Doe', candidateEmail: 'not-an-email', interviewers: ['U0ADA'], duration: '45', video: 'none' });
    expect(result.outcome).toBe('errors');
    const [modal] = harness.slack.openModals('U0REC');
    expect(modal.spec.callback_id).toBe(FORM);
    expect(modal.errors?.candidate_email).toMatch(/not an email address/);
  });

  it('connects again after the connection drops, and carries on', async () => {
    harness.slack.dropSocketConnections();
    await until('a new connection', async () => harness.slack.apiCalls('apps.connections.open').length === 2 && harness.slack.socketConnections === 1, 15_000);
    const before = helpAnswers().length;
    expect((await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0ADA', command: '/integrations', text: 'help' })).status).toBe(200);
    await until('the help text', async () => helpAnswers().length > before);
  }, 20_000);
});
