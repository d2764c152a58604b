import { statusMessage } from '../../src/admin/status-blocks';
import { buildStatusReport, decodePosition, encodePosition, STATUS_PAGE_SIZE, type StatusPage } from '../../src/admin/status-report';
import { messageBlockProblems } from '../../src/simulators/slack/block-kit-limits';
import type { MissingItem } from '../../src/readiness/readiness';
import type { Workspace } from '../../src/workspaces/workspace-service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { PER_TEN, profileOf, seedPeople } from './seed-people';

const PEOPLE = 5000;

/**
 * Slack refuses messages whose blocks hold about 12,000 characters of text in total, below the documented
 * per-block limits ("12,000 text characters with a buffer for block containers", bolt-js #2509, #2867).
 * We keep to two thirds of that.
 */
const SLACK_TEXT_BUDGET = 8000;

function textCharacters(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + textCharacters(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce((sum, [key, inner]) => sum + (key === 'text' && typeof inner === 'string' ? inner.length : textCharacters(inner)), 0);
}
const now = new Date('2025-03-03T12:00:00Z');

describe('the status report for 5,000 people', () => {
  let database: TestDatabase;
  let workspace: Workspace;

  beforeAll(async () => {
    database = createTestDatabase();
    workspace = await database.db.workspace.create({ data: { id: 'ws_big', slackTeamId: 'T0BIG', name: 'Big' } });
    await seedPeople(database.db, { workspaceId: workspace.id, count: PEOPLE });
  });

  afterAll(() => database.dispose());

  it('counts everyone once: ready + missing + opted out is the head count', async () => {
    const { summary } = await buildStatusReport(database, workspace);
    const tens = PEOPLE / 10;
    expect(summary).toMatchObject({
      people: PEOPLE,
      hosts: PEOPLE - PER_TEN.optedOut * tens,
      ready: PER_TEN.ready * tens,
      missing: PER_TEN.missing * tens,
      optedOut: PER_TEN.optedOut * tens,
      disconnected: PER_TEN.disconnected * tens,
      pending: PER_TEN.pending * tens,
    });
    expect(summary.calendar).toMatchObject({ connected: 3000, pending: 500, disconnected: 500, notConnected: 500, viaEnterpriseConnect: 500, googleWithMeet: 1500, exchangeWebServices: 500, exchangeWebServicesWithTeams: 0 });
    expect(summary.calendar.byProvider).toEqual([
      { label: 'Google', count: 1500 },
      { label: 'iCloud', count: 500 },
      { label: 'Microsoft 365 (Exchange Web Services)', count: 500 },
      { label: 'Microsoft 365 (Graph API)', count: 500 },
    ]);
  });

  it('counts Teams authorizations on Exchange Web Services once the company uses Teams', async () => {
    const withTeams = { ...workspace, conferencingProviders: JSON.stringify(['native', 'zoom', 'ms_teams']) };
    const { summary } = await buildStatusReport(database, withTeams, { page: null });
    expect(summary.calendar).toMatchObject({ exchangeWebServices: 500, exchangeWebServicesWithTeams: 500 });
    expect(summary.providers.map((p) => p.provider)).toEqual(['native', 'ms_teams', 'zoom']);
  });

  it('tallies each company provider over the people who host interviews', async () => {
    const { summary } = await buildStatusReport(database, workspace);
    const [native, zoom] = summary.providers;
    expect(native).toMatchObject({ provider: 'native', usable: 2000 });
    expect(zoom).toMatchObject({ provider: 'zoom', usable: 1500, statuses: expect.objectContaining({ connected: 1500, pending: 500, disconnected: 500, not_connected: 2000 }) });
    expect(summary.filters).toMatchObject({ missing: 3000, calendar: 1500, disconnected: 1000, pending: 1000, opted_out: 500, 'p:zoom': 3000, 'p:go_to': 0 });
  });

  it('lists the people missing something in name order, each exactly once across the pages', async () => {
    const pageSize = 700;
    const pageAt = async (page: number): Promise<StatusPage> => (await buildStatusReport(database, workspace, { page, pageSize })).page as StatusPage;
    const first = await pageAt(1);
    expect(first).toMatchObject({ page: 1, pages: 5, from: 1, to: 700, total: 3000 });
    const lines = [first, ...(await Promise.all([2, 3, 4, 5].map(pageAt)))].flatMap((page) => page.lines);
    expect(lines).toHaveLength(3000);
    const names = lines.map((l) => l.realName);
    expect([...names].sort(new Intl.Collator('en', { sensitivity: 'base', numeric: true }).compare)).toEqual(names);
    const seen = new Set(lines.map((line) => line.slackUserId));
    expect(seen.size).toBe(3000);
    expect((await buildStatusReport(database, workspace)).page).toMatchObject({ pages: 3000 / STATUS_PAGE_SIZE, lines: first.lines.slice(0, STATUS_PAGE_SIZE) });
    const expectedMissing = Array.from({ length: PEOPLE }, (_, i) => i).filter((i) => !['google_zoom', 'graph_zoom', 'apple_zoom', 'opted_out'].includes(profileOf(i)));
    expect([...seen].sort()).toEqual(expectedMissing.map((i) => `UP${String(i).padStart(5, '0')}`).sort());
  });

  it('renders every page within Slack’s message limits', async () => {
    const pages = 3000 / STATUS_PAGE_SIZE;
    for (const page of [1, 2, Math.floor(pages / 2), pages]) {
      const report = await buildStatusReport(database, workspace, { page });
      const { blocks, text } = statusMessage(report, { viewerTimeZone: 'Europe/London', now });
      expect(messageBlockProblems(blocks)).toEqual([]);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(textCharacters(blocks)).toBeLessThan(SLACK_TEXT_BUDGET);
      expect(text.length).toBeLessThan(3000);
    }
  });

  it('offers Previous only after the first page and Next only before the last', async () => {
    const buttons = async (page: number) =>
      statusMessage(await buildStatusReport(database, workspace, { page }), { viewerTimeZone: 'UTC', now })
        .blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))
        .map((e) => ('action_id' in e ? e.action_id : undefined));
    expect(await buttons(1)).not.toContain('status-page-previous');
    expect(await buttons(1)).toContain('status-page-next');
    expect(await buttons(150)).toContain('status-page-previous');
    expect(await buttons(150)).not.toContain('status-page-next');
  });

  it('filters the list, and shows the last page when asked for one beyond it', async () => {
    const everyone = (await buildStatusReport(database, workspace, { filter: 'disconnected', page: 1, pageSize: 5000 })).page as StatusPage;
    expect(everyone.lines).toHaveLength(1000);
    expect(everyone.lines.every((l) => l.missing.some((m) => m.state === 'disconnected'))).toBe(true);
    const beyond = (await buildStatusReport(database, workspace, { filter: 'disconnected', page: 999 })).page as StatusPage;
    expect(beyond).toMatchObject({ page: 50, pages: 50, from: 981, to: 1000 });
    expect(beyond.lines).toEqual(everyone.lines.slice(980));
    const optedOut = await buildStatusReport(database, workspace, { filter: 'opted_out', page: 1 });
    expect(optedOut.page?.total).toBe(500);
  });

  it('keeps the paging value small and falls back to page 1 for tampered values', () => {
    const value = encodePosition({ p: 150, f: 'p:zoom' });
    expect(value.length).toBeLessThan(2000);
    expect(decodePosition(value)).toEqual({ p: 150, f: 'p:zoom' });
    expect(decodePosition('{"p":-3,"f":"missing"}')).toEqual({ p: 1, f: 'missing' });
    expect(decodePosition('{"p":2,"f":"everyone"}')).toEqual({ p: 1, f: 'missing' });
    expect(decodePosition('not json')).toEqual({ p: 1, f: 'missing' });
  });

  it('stays within Slack’s size limits when every row is as long as it can be', async () => {
    const { summary, enterprise } = await buildStatusReport(database, { ...workspace, conferencingProviders: JSON.stringify(['native', 'google_meet', 'ms_teams', 'zoom', 'go_to']) }, { page: null });
    const worst: MissingItem[] = [
      { kind: 'calendar', state: 'disconnected', reason: 'provider_credentials_lost' },
      ...(['ms_teams', 'zoom', 'go_to'] as const).map((provider) => ({ kind: 'conferencing' as const, provider, state: 'disconnected' as const, reason: 'a_very_long_reason_code_from_a_vendor_we_have_never_seen_before' })),
    ];
    const lines = Array.from({ length: 20 }, (_, i) => ({ slackUserId: `W${String(i).padStart(10, '0')}`, realName: `Someone ${i}`, missing: worst }));
    const busyEnterprise = { state: 'broken', domain: 'a-rather-long-subsidiary-domain.example.co.uk', providerName: 'office365', reason: 'service_account_revoked_by_tenant_admin', counts: { requested: 50_000, succeeded: 48_000, failed: 1_500, pending: 500 } };
    const { blocks } = statusMessage({ summary, enterprise: { ...enterprise, ...busyEnterprise }, filter: 'missing', page: { page: 1, pages: 1, from: 1, to: 20, total: 20, lines } }, { viewerTimeZone: 'America/Argentina/ComodRivadavia', now });
    expect(messageBlockProblems(blocks)).toEqual([]);
    expect(textCharacters(blocks)).toBeLessThan(SLACK_TEXT_BUDGET);
    // Even counting every character of the JSON, it stays under where Slack was seen to refuse text alone.
    expect(JSON.stringify(blocks).length).toBeLessThan(13_000);
  });

  it('shows an empty, friendly list when nobody matches', () => {
    const empty = statusMessage(
      { summary: { people: 0, hosts: 0, ready: 0, missing: 0, optedOut: 0, disconnected: 0, pending: 0, calendar: { connected: 0, pending: 0, disconnected: 0, notConnected: 0, viaEnterpriseConnect: 0, byProvider: [], googleWithMeet: 0, exchangeWebServices: 0, exchangeWebServicesWithTeams: 0 }, providers: [], filters: { missing: 0, calendar: 0, disconnected: 0, pending: 0, opted_out: 0, 'p:google_meet': 0, 'p:ms_teams': 0, 'p:zoom': 0, 'p:go_to': 0 } }, enterprise: { state: 'not_linked', domain: null, providerName: null, reason: null }, filter: 'missing', page: { page: 1, pages: 1, from: 0, to: 0, total: 0, lines: [] } },
      { viewerTimeZone: 'UTC', now },
    );
    expect(messageBlockProblems(empty.blocks)).toEqual([]);
    expect(JSON.stringify(empty.blocks)).toContain('everyone who hosts interviews is ready');
  });
});
