import { consent } from '../../../../src/simulators/cronofy';
import type { SlackObject } from '../../../../src/simulators/slack';
import { messageBlockProblems, viewProblems } from '../../../../src/simulators/slack/block-kit-limits';
import { buttons, buttonUrl, get, pageTitle } from '../../../support/checklist';
import { syncRoster } from '../../../support/connect';
import { startHarness, type Harness, type TestPerson } from '../../../support/harness';
import { eventually } from '../../../enterprise/enterprise-support';
import { allText, ephemeralWithText, runIntegrations } from './integrations-driver';

const ADMIN_EMAIL = 'it-admin@acme.test';
const PEOPLE: TestPerson[] = [
  { slackId: 'U0ADMIN', name: 'ada', isAdmin: true, calendar: { provider: 'office365' } },
  { slackId: 'U0ANN', name: 'ann', calendar: { provider: 'office365' } },
  { slackId: 'U0BOB', name: 'bob', calendar: { provider: 'office365' } },
  { slackId: 'U0GHO', name: 'ghost' },
  { slackId: 'U0ROOM', name: 'rooms', calendar: { provider: 'office365', sharedMailbox: true } },
];

/** `/integrations enterprise`, its buttons, the admin's Home section and the counts in `/integrations status`. */
describe('/integrations enterprise', () => {
  let harness: Harness;
  let workspaceId: string;

  beforeAll(async () => {
    harness = await startHarness({ people: PEOPLE, start: { enterprisePacing: { callsPerMinute: 60_000 } } });
    harness.cronofy.addEnterpriseDomain({ domain: 'acme.test', provider: 'office365', adminEmail: ADMIN_EMAIL });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  });
  afterAll(() => harness.stop());

  const summaryDone = (fragment: string) =>
    eventually(async () => harness.slack.dmsTo('U0ADMIN').find((m) => m.updates.at(-1)?.text.includes(fragment)), { what: `a summary with "${fragment}"` });

  it('refuses people who are not integration admins', async () => {
    const reply = await runIntegrations(harness, 'U0ANN', 'enterprise');
    expect(reply.text).toContain('Only Slotline admins can use `/integrations`');
    expect(await harness.ctx.db.oAuthState.count({ where: { purpose: 'enterprise_connect' } })).toBe(0);
  });

  it('shows an admin how to link, with one signed link per provider', async () => {
    const reply = await runIntegrations(harness, 'U0ADMIN', 'enterprise');
    expect(messageBlockProblems(reply.blocks)).toEqual([]);
    expect(allText(reply)).toContain('Not linked');
    const links = buttons(reply.blocks as SlackObject[]);
    expect(links.map((b) => b.text)).toEqual(['Link Google Workspace', 'Link Microsoft 365', 'Link Exchange']);
    for (const link of links) expect(link.url).toMatch(new RegExp(`^${harness.app.publicUrl}/enterprise/link/`));
  });

  it('links through the Microsoft 365 button and reports the sync in the admin’s DM', async () => {
    const reply = await runIntegrations(harness, 'U0ADMIN', 'enterprise');
    const opened = await get(buttonUrl(reply.blocks as SlackObject[], 'enterprise_link_office365'));
    expect(new URL(opened.location ?? '').searchParams.get('provider_name')).toBe('office365');
    const { location } = await consent(opened.location ?? '', { email: ADMIN_EMAIL, allow: true });
    const page = await get(location);
    expect(pageTitle(page)).toBe('Enterprise Connect linked');
    await summaryDone('finished: 3 of 5 calendars connected, 2 failed.');
  });

  it('lists the counts, who failed and why, with Retry, Sync all, Retry all failed and Unlink', async () => {
    const since = harness.slack.seq;
    const reply = await runIntegrations(harness, 'U0ADMIN', 'enterprise');
    expect(messageBlockProblems(reply.blocks)).toEqual([]);
    const text = allText(reply);
    expect(text).toContain('*Linked* to Microsoft 365 for *acme.test* by <@U0ADMIN>');
    expect(text).toContain('5 requested · 3 synced · 2 failed · 0 in progress');
    expect(text).toContain('<@U0GHO>: mailbox not found');
    expect(text).toContain('<@U0ROOM>: shared mailbox');
    const ids = buttons(reply.blocks as SlackObject[]).map((b) => b.actionId);
    expect(ids).toEqual(['enterprise_retry_one', 'enterprise_retry_one', 'enterprise_sync_all', 'enterprise_retry_failed', 'enterprise_unlink']);
    await ephemeralWithText(harness, 'U0ADMIN', 'enterprise_sync_all', since);
  });

  it('shows the link state and its counts in /integrations status', async () => {
    const text = allText(await runIntegrations(harness, 'U0ADMIN', 'status'));
    expect(text).toMatch(/\*Enterprise Connect\*\\n\w+ \(acme\.test\)\\n3 calendars connected through it\\n5 requested · 3 synced · 2 failed/);
    expect(text).toContain('<@U0GHO>  Calendar not connected (Enterprise Connect: mailbox not found)');
  });

  it('retries one failed person from their Retry button', async () => {
    harness.cronofy.addPerson({ email: 'ghost@acme.test', zone: 'Europe/London', calendar: { provider: 'office365' } });
    const since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'enterprise');
    const message = await ephemeralWithText(harness, 'U0ADMIN', 'mailbox not found', since);
    const ghost = await harness.ctx.db.employee.findFirstOrThrow({ where: { slackUserId: 'U0GHO' } });
    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'enterprise_retry_one', value: ghost.id, in: { channel: message.channel, ts: message.ts } });
    await harness.slack.waitFor((r) => r.kind === 'responseUrlPost' && JSON.stringify(r.body).includes("Asked for <@U0GHO>'s calendar again"), { since });
    await eventually(async () => (await harness.ctx.enterprise.status(workspaceId)).counts.succeeded === 4 || undefined, { what: 'Ghost synced' });
    expect((await harness.ctx.enterprise.status(workspaceId)).counts).toEqual({ requested: 5, succeeded: 4, failed: 1, pending: 0 });
    expect(await harness.ctx.db.calendarConnection.findUnique({ where: { employeeId: ghost.id } })).toMatchObject({ state: 'connected', viaEnterpriseConnect: true });
  });

  it('retries all failed people from the button, with a new progress message', async () => {
    const since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'enterprise');
    const message = await ephemeralWithText(harness, 'U0ADMIN', 'enterprise_retry_failed', since);
    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'enterprise_retry_failed', in: { channel: message.channel, ts: message.ts } });
    await harness.slack.waitFor((r) => r.kind === 'responseUrlPost' && JSON.stringify(r.body).includes('Retrying everyone whose calendar could not be synced'), { since });
    await summaryDone('finished: 0 of 1 calendars connected, 1 failed.');
  });

  it('gives admins an Enterprise Connect section on their Home tab whose Details opens the full status', async () => {
    await harness.slack.openHome(harness.teamId, 'U0ADMIN');
    const home = await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0ADMIN' && JSON.stringify(r.spec.blocks).includes('Enterprise Connect'), { timeoutMs: 5000 });
    if (home.kind !== 'view') throw new Error('expected a view');
    expect(viewProblems(home.spec)).toEqual([]);
    expect(JSON.stringify(home.spec.blocks)).toContain('5 requested · 4 synced · 1 failed · 0 in progress');
    expect(buttons(home.spec.blocks as SlackObject[]).map((b) => b.actionId)).toEqual(expect.arrayContaining(['enterprise_sync_all', 'enterprise_retry_failed', 'enterprise_refresh']));

    const since = harness.slack.seq;
    await harness.slack.clickButton({ teamId: harness.teamId, userId: 'U0ADMIN', actionId: 'enterprise_refresh', in: { home: 'U0ADMIN' } });
    const dm = await harness.slack.waitFor((r) => r.kind === 'message' && JSON.stringify(r.blocks).includes('<@U0ROOM>: shared mailbox'), { since });
    if (dm.kind !== 'message') throw new Error('expected a message');
    expect(messageBlockProblems(dm.blocks)).toEqual([]);

    await harness.slack.openHome(harness.teamId, 'U0ANN');
    const annHome = await harness.slack.waitFor((r) => r.kind === 'view' && r.type === 'home' && r.userId === 'U0ANN', { timeoutMs: 5000 });
    if (annHome.kind !== 'view') throw new Error('expected a view');
    expect(JSON.stringify(annHome.spec.blocks)).not.toContain('enterprise_');
  });

  it('syncs everyone from Sync all, then unlinks from Unlink', async () => {
    await harness.ctx.db.calendarConnection.deleteMany({ where: { employee: { slackUserId: 'U0BOB' } } });
    let since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'enterprise');
    let message = await ephemeralWithText(harness, 'U0ADMIN', 'enterprise_sync_all', since);
    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'enterprise_sync_all', in: { channel: message.channel, ts: message.ts } });
    await harness.slack.waitFor((r) => r.kind === 'responseUrlPost' && JSON.stringify(r.body).includes('Syncing everyone on the linked domain'), { since });
    await summaryDone('finished: 1 of 1 calendars connected');

    since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'enterprise');
    message = await ephemeralWithText(harness, 'U0ADMIN', 'enterprise_unlink', since);
    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'enterprise_unlink', in: { channel: message.channel, ts: message.ts } });
    await harness.slack.waitFor((r) => r.kind === 'responseUrlPost' && JSON.stringify(r.body).includes('Enterprise Connect for acme.test is unlinked'), { since });
    expect((await harness.ctx.enterprise.status(workspaceId)).state).toBe('not_linked');
    expect(allText(await runIntegrations(harness, 'U0ADMIN', 'status'))).toContain('*Enterprise Connect*\\nNot linked');
  });
});
