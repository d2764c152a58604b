import { evaluateReadiness, type CalendarFacts, type ConferencingFacts } from '../../src/readiness/readiness';
import { hostingFor, providersToCheck, type VideoChoice } from '../../src/scheduling/video';

const calendar = (providerName: string, patch: Partial<CalendarFacts> = {}): CalendarFacts => ({
  state: 'connected',
  reason: null,
  providerName,
  providerProtocol: providerName === 'office365' ? 'graph_api' : null,
  integratedConferencing: providerName === 'google' || providerName === 'office365',
  relinkUrl: null,
  viaEnterpriseConnect: false,
  lastCheckedAt: null,
  ...patch,
});
const linked = (provider: string, profileId: string): ConferencingFacts => ({ provider, state: 'connected', reason: null, profileId, relinkUrl: null, lastCheckedAt: null });
const hosting = (choice: VideoChoice, facts: CalendarFacts, conferencing: ConferencingFacts[] = []) =>
  hostingFor(choice, evaluateReadiness({ calendar: facts, conferencing, companyProviders: providersToCheck(choice), optedOut: false }));

describe('which conferencing request a video choice becomes for the organizer', () => {
  it('uses the calendar’s own Meet for a Google organizer, and refuses Meet elsewhere', () => {
    expect(hosting('google_meet', calendar('google'))).toEqual({ ok: true, conferencing: { profile_id: 'integrated' }, provider: 'google_meet' });
    expect(hosting('google_meet', calendar('office365'))).toEqual({ ok: false, reason: 'needs_google', provider: 'google_meet' });
  });

  it('uses integrated Teams on Microsoft 365 over Graph, else the linked Teams profile', () => {
    expect(hosting('ms_teams', calendar('office365'))).toMatchObject({ ok: true, conferencing: { profile_id: 'integrated' } });
    const ews = calendar('office365', { providerProtocol: 'exchange_web_services', integratedConferencing: false });
    expect(hosting('ms_teams', ews, [linked('ms_teams', 'pro_teams')])).toMatchObject({ ok: true, conferencing: { profile_id: 'pro_teams' } });
    expect(hosting('ms_teams', ews)).toEqual({ ok: false, reason: 'needs_authorization', provider: 'ms_teams' });
  });

  it('uses the organizer’s own Zoom or GoTo profile, and names what is missing', () => {
    expect(hosting('zoom', calendar('google'), [linked('zoom', 'pro_zoom')])).toEqual({ ok: true, conferencing: { profile_id: 'pro_zoom' }, provider: 'zoom' });
    expect(hosting('go_to', calendar('google'), [linked('zoom', 'pro_zoom')])).toEqual({ ok: false, reason: 'needs_authorization', provider: 'go_to' });
  });

  it('asks Cronofy for its default on Auto when the organizer has anything to host with', () => {
    expect(hosting('auto', calendar('google'))).toEqual({ ok: true, conferencing: { profile_id: 'default' }, provider: null });
    expect(hosting('auto', calendar('apple', { integratedConferencing: false }), [linked('go_to', 'pro_goto')])).toMatchObject({ ok: true, conferencing: { profile_id: 'default' } });
    expect(hosting('auto', calendar('apple', { integratedConferencing: false }))).toEqual({ ok: false, reason: 'nothing_to_host', provider: null });
  });

  it('asks for no conferencing on No video, and for nothing at all without a connected calendar', () => {
    expect(hosting('none', calendar('apple', { integratedConferencing: false }))).toEqual({ ok: true, conferencing: null, provider: null });
    expect(hosting('zoom', calendar('google', { state: 'disconnected' }), [linked('zoom', 'pro_zoom')])).toEqual({ ok: false, reason: 'calendar', provider: null });
  });
});
