import type { EphemeralRecord, FileRecord, MessageRecord } from '../../../../src/simulators/slack';
import { buildStatusReport } from '../../../../src/admin/status-report';
import { messageBlockProblems } from '../../../../src/simulators/slack/block-kit-limits';
import { connectCalendar, connectConferencing, syncRoster } from '../../../support/connect';
import { startHarness, type Harness } from '../../../support/harness';
import { csvRecords } from '../../../admin/parse-csv';
import { PER_TEN, seedPeople } from '../../../admin/seed-people';
import { allText, ephemeralWithText, runIntegrations } from './integrations-driver';

const SEEDED = 5000;

describe('/integrations status and the CSV export for 5,000 people', () => {
  let harness: Harness;
  let workspaceId: string;

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0ADMIN', name: 'ada', isAdmin: true, tz: 'America/New_York', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0GINA', name: 'gina', calendar: { provider: 'google' }, conferencingAccounts: ['zoom'] },
        { slackId: 'U0EWAN', name: 'ewan', calendar: { provider: 'office365', protocol: 'exchange_web_services' } },
      ],
    });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
    await connectCalendar(harness, 'U0ADMIN');
    await connectConferencing(harness, 'U0ADMIN', 'zoom');
    await connectCalendar(harness, 'U0GINA');
    await seedPeople(harness.ctx.db, { workspaceId, count: SEEDED });
  });

  afterAll(() => harness.stop());

  it('answers with the summary and bars well within Slack’s three seconds', async () => {
    const started = Date.now();
    const reply = await runIntegrations(harness, 'U0ADMIN', 'status');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(messageBlockProblems(reply.blocks)).toEqual([]);
    const text = allText(reply);
    // Seeded: 1,500 ready and 500 opted out of 5,000; plus Ada (ready), Gina (no Zoom) and Ewan (no calendar).
    expect(text).toContain('*Ready to host interviews*\\n`▓▓▓░░░░░░░ 33%`\\n1,501 of 4,503 people');
    expect(text).toContain('*Zoom*\\n`▓▓▓░░░░░░░ 33%`\\n1,501 of 4,503 can host');
    expect(text).toContain('Missing something: 3,002');
    expect(text).toContain('Opted out: 500');
    expect(text).toContain('*Missing something* · 1–20 of 3,002 · page 1 of 151');
    expect(text).toContain('5,003 people · as of ');
    expect(text).toMatch(/as of \w{3} \d+ \w{3} \d{4}, \d\d:\d\d GMT-[45]/);
  });

  it('pages through the list in place with Next and Previous', async () => {
    const since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'status');
    const message = await ephemeralWithText(harness, 'U0ADMIN', 'page 1 of 151', since);
    const firstRows = rowsOf(message);
    expect(firstRows.slice(0, 2)).toEqual(['U0EWAN', 'U0GINA']);

    const clicked = harness.slack.seq;
    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'status-page-next', in: { channel: message.channel, ts: message.ts } });
    await harness.slack.waitFor((r) => r === message && message.updates.length === 1, { since: clicked });
    expect(allText(message.blocks)).toContain('21–40 of 3,002 · page 2 of 151');
    const secondRows = rowsOf(message);
    expect(secondRows).toHaveLength(20);
    expect(secondRows.some((id) => firstRows.includes(id))).toBe(false);
    expect(messageBlockProblems(message.blocks)).toEqual([]);

    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'status-page-previous', in: { channel: message.channel, ts: message.ts } });
    await harness.slack.waitFor((r) => r === message && message.updates.length === 2);
    expect(rowsOf(message)).toEqual(firstRows);
  });

  it('filters the list from its menu', async () => {
    const since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'status');
    const message = await ephemeralWithText(harness, 'U0ADMIN', 'page 1 of 151', since);
    await harness.slack.interact({ userId: 'U0ADMIN', actionId: 'status-filter', in: { channel: message.channel, ts: message.ts }, selection: { selected_option: { value: 'calendar' } } });
    await harness.slack.waitFor((r) => r === message && message.updates.length === 1);
    // Seeded: revoked, not connected and pending calendars (1,500); plus Ewan.
    expect(allText(message.blocks)).toContain('*Calendar not ready* · 1–20 of 1,501 · page 1 of 76');
    expect(rowsOf(message)[0]).toBe('U0EWAN');
    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'status-page-next', in: { channel: message.channel, ts: message.ts } });
    await harness.slack.waitFor((r) => r === message && message.updates.length === 2);
    expect(allText(message.blocks)).toContain('*Calendar not ready* · 21–40 of 1,501 · page 2 of 76');
  });

  it('shows one person in detail from their row’s menu', async () => {
    const since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'status');
    const message = await ephemeralWithText(harness, 'U0ADMIN', 'page 1 of 151', since);
    const clicked = harness.slack.seq;
    await harness.slack.interact({ userId: 'U0ADMIN', actionId: 'status-person-menu', blockId: rowBlockId(message, 'U0GINA'), in: { channel: message.channel, ts: message.ts }, selection: { selected_option: { value: 'detail:U0GINA' } } });
    const detail = await ephemeralWithText(harness, 'U0ADMIN', '<@U0GINA> is missing', clicked);
    expect(allText(detail.blocks)).toContain('Zoom not authorized');
    expect(allText(detail.blocks)).toContain('✅ Google');
  });

  it('refuses a non-admin who replays a paging button', async () => {
    const since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'status');
    const message = await ephemeralWithText(harness, 'U0ADMIN', 'page 1 of 151', since);
    // Only Ada sees her ephemeral; a forged payload from Gina with its action must still be refused.
    const result = await harness.slack.sendInteractionPayload(harness.teamId, {
      type: 'block_actions',
      user: { id: 'U0GINA', team_id: harness.teamId },
      team: { id: harness.teamId },
      trigger_id: harness.slack.issueTriggerId(harness.teamId, 'U0GINA'),
      actions: [{ type: 'button', action_id: 'status-page-next', block_id: 'status-navigation', value: '{"p":2,"f":"missing"}', action_ts: '1.0' }],
      container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: true },
    });
    expect(result.status).toBe(200);
    await harness.slack.waitFor((r) => r.kind === 'message' && r.channel !== message.channel && r.text.includes('Only Slotline admins'));
    expect(message.updates).toHaveLength(0);
  });

  it('exports every person to CSV with live progress, and its counts agree with the status summary', async () => {
    const since = harness.slack.seq;
    await runIntegrations(harness, 'U0ADMIN', 'status');
    const message = await ephemeralWithText(harness, 'U0ADMIN', 'page 1 of 151', since);
    const clicked = harness.slack.seq;
    await harness.slack.clickButton({ userId: 'U0ADMIN', actionId: 'status-export-csv', in: { channel: message.channel, ts: message.ts } });
    const progress = (await harness.slack.waitFor((r) => r.kind === 'message' && r.text.startsWith('Exporting the readiness CSV: 0 / 5,003'), { since: clicked })) as MessageRecord;
    expect(allText(progress.blocks)).toContain('░░░░░░░░░░ 0%');
    const file = (await harness.slack.waitFor((r) => r.kind === 'file' && r.completed, { since: clicked, timeoutMs: 15_000 })) as FileRecord;
    await harness.slack.waitFor((r) => r === progress && progress.text.startsWith('Export finished'), { timeoutMs: 5000 });

    expect(file.channel).toBe(progress.channel);
    expect(file.filename).toMatch(/^slotline-readiness-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = csvRecords(file.content?.toString('utf8') ?? '');
    expect(rows).toHaveLength(SEEDED + 3);
    expect(new Set(rows.map((r) => r.slack_user_id)).size).toBe(SEEDED + 3);

    const byStatus = (status: string) => rows.filter((r) => r.status === status).length;
    const tens = SEEDED / 10;
    expect(byStatus('ready')).toBe(PER_TEN.ready * tens + 1);
    expect(byStatus('opted_out')).toBe(PER_TEN.optedOut * tens);
    expect(byStatus('missing_something')).toBe(PER_TEN.missing * tens + 2);

    const { summary } = await buildStatusReport(harness.ctx, await harness.ctx.workspaces.get(workspaceId), { page: null });
    const hosts = rows.filter((r) => r.opted_out === 'no');
    expect(summary.ready).toBe(byStatus('ready'));
    expect(summary.missing).toBe(byStatus('missing_something'));
    expect(summary.optedOut).toBe(byStatus('opted_out'));
    expect(summary.calendar.connected).toBe(hosts.filter((r) => r.calendar_state === 'connected').length);
    expect(summary.disconnected).toBe(hosts.filter((r) => r.missing.includes(':disconnected')).length);
    expect(summary.providers.find((p) => p.provider === 'zoom')?.usable).toBe(hosts.filter((r) => r.zoom === 'connected').length);
    expect(summary.calendar.viaEnterpriseConnect).toBe(hosts.filter((r) => r.calendar_via_enterprise_connect === 'yes').length);

    const gina = rows.find((r) => r.slack_user_id === 'U0GINA');
    expect(gina).toMatchObject({ name: 'Gina', email: 'gina@acme.test', time_zone: 'Europe/London', status: 'missing_something', ready: 'no', opted_out: 'no', calendar_state: 'connected', calendar_provider: 'google', google_meet: 'native', zoom: 'not_connected', missing: 'zoom:not_connected' });
    expect(gina?.calendar_last_checked_utc).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows.find((r) => r.slack_user_id === 'UP00097')?.name).toBe('Smith, "J" 97');

    expect(file.initialComment).toBe(`5,003 people: ${byStatus('ready').toLocaleString('en-US')} ready, ${byStatus('missing_something').toLocaleString('en-US')} missing something, 500 opted out.`);
    expect(allText(progress.blocks)).toContain(`${byStatus('ready').toLocaleString('en-US')} of ${hosts.length.toLocaleString('en-US')} people`);
    const audit = await harness.ctx.db.auditEvent.findFirst({ where: { workspaceId, action: 'csv_export' } });
    expect(audit).toMatchObject({ actorSlackUserId: 'U0ADMIN', detail: JSON.stringify({ people: SEEDED + 3 }) });
  });
});

function rowBlockId(message: EphemeralRecord, slackUserId: string): string {
  const block = (message.blocks ?? []).find((b) => ((b.text as { text?: string } | undefined)?.text ?? '').startsWith(`<@${slackUserId}>`));
  if (typeof block?.block_id !== 'string') throw new Error(`no row for ${slackUserId}`);
  return block.block_id;
}

function rowsOf(message: EphemeralRecord): string[] {
  return (message.blocks ?? []).flatMap((block) => {
    const accessory = block.accessory as { action_id?: string } | undefined;
    const text = (block.text as { text?: string } | undefined)?.text ?? '';
    return accessory?.action_id === 'status-person-menu' ? [/^<@(\w+)>/.exec(text)?.[1] ?? '?'] : [];
  });
}
