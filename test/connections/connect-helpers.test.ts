import { loadEmployeeReadiness } from '../../src/readiness/load-readiness';
import { connectCalendar, connectConferencing, syncRoster } from '../support/connect';
import { startHarness, type Harness } from '../support/harness';

describe('connecting a calendar and Zoom through the Cronofy simulator', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0GOOG', name: 'gina', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0EWS', name: 'ewan', calendar: { provider: 'office365', protocol: 'exchange_web_services' }, conferencingAccounts: ['ms_teams'] },
        { slackId: 'U0BOT', name: 'robot', isBot: true },
      ],
    });
    await syncRoster(harness);
  });

  afterAll(() => harness.stop());

  it('stores encrypted tokens, the primary calendar and native Meet for a Google user', async () => {
    const id = await connectCalendar(harness, 'U0GOOG');
    const row = await harness.ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: id } });
    expect(row.state).toBe('connected');
    expect(row.providerName).toBe('google');
    expect(row.primaryCalendarId).toMatch(/^cal_/);
    expect(row.accessTokenEnc).toMatch(/^v1\./);
    const plain = harness.cronofy.tokens.map((t) => t.token);
    expect(plain.some((token) => row.accessTokenEnc?.includes(token))).toBe(false);
    expect(row.pushChannelId).toMatch(/^chn_/);

    const workspace = await harness.ctx.workspaces.get(await harness.workspaceId());
    const before = await loadEmployeeReadiness(harness.ctx.db, workspace, id);
    expect(before.readiness.conferencing.find((c) => c.provider === 'google_meet')?.status).toBe('native');
    expect(before.readiness.missing).toEqual([expect.objectContaining({ kind: 'conferencing', provider: 'zoom' })]);

    await connectConferencing(harness, 'U0GOOG', 'zoom');
    const after = await loadEmployeeReadiness(harness.ctx.db, workspace, id);
    expect(after.readiness.ready).toBe(true);
  });

  it('asks an Exchange Web Services user for Teams because their calendar cannot provide it', async () => {
    const id = await connectCalendar(harness, 'U0EWS');
    const workspace = await harness.ctx.workspaces.update(await harness.workspaceId(), { conferencingProviders: JSON.stringify(['ms_teams']) });
    const readiness = await loadEmployeeReadiness(harness.ctx.db, workspace, id);
    expect(readiness.readiness.calendar.providerProtocol).toBe('exchange_web_services');
    expect(readiness.readiness.missing).toEqual([expect.objectContaining({ kind: 'conferencing', provider: 'ms_teams' })]);
  });

  it('leaves bots out of the roster', async () => {
    const bots = await harness.ctx.db.employee.count({ where: { slackUserId: 'U0BOT' } });
    expect(bots).toBe(0);
  });
});
