import { decideCalendarAction } from '../../src/onboarding/calendar-action';
import { checklistText, renderChecklist, type ChecklistView } from '../../src/onboarding/checklist-blocks';
import { providersToAuthorize } from '../../src/onboarding/checklist-links';
import { evaluateReadiness, NOT_CONNECTED_CALENDAR, type CalendarFacts, type CompanyProvider, type ConferencingFacts } from '../../src/readiness/readiness';

const google: CalendarFacts = { ...NOT_CONNECTED_CALENDAR, state: 'connected', providerName: 'google', integratedConferencing: true, lastCheckedAt: new Date('2026-11-23T10:00:00Z') };
const zoom = (state: ConferencingFacts['state']): ConferencingFacts => ({ provider: 'zoom', state, reason: state === 'disconnected' ? 'profile_disconnected' : null, profileId: null, relinkUrl: null, lastCheckedAt: null });

function view(options: { calendar?: CalendarFacts | null; conferencing?: ConferencingFacts[]; providers?: CompanyProvider[]; optedOut?: boolean; enterpriseConnect?: boolean; surface?: 'dm' | 'home' }): ChecklistView {
  const readiness = evaluateReadiness({ calendar: options.calendar ?? null, conferencing: options.conferencing ?? [], companyProviders: options.providers ?? ['native', 'zoom'], optedOut: options.optedOut ?? false });
  const calendarAction = decideCalendarAction(readiness.calendar, { enterpriseConnect: options.enterpriseConnect ?? false });
  const calendarLinks = { google: 'https://s.example/l/g', office365: 'https://s.example/l/o', exchange: 'https://s.example/l/e', apple: 'https://s.example/l/a', relink: 'https://s.example/l/r', sync: 'https://s.example/l/s' };
  const conferencing = Object.fromEntries(providersToAuthorize(readiness).filter(() => readiness.calendar.state === 'connected').map((p) => [p, `https://s.example/l/${p}`]));
  return { surface: options.surface ?? 'dm', timeZone: 'Europe/London', readiness, calendarAction, links: { calendar: calendarLinks, conferencing } };
}

function buttons(input: ChecklistView) {
  return renderChecklist(input).flatMap((block) => (block.type === 'actions' ? block.elements : [])).map((e) => e as { action_id: string; text: { text: string }; url?: string });
}

const text = (input: ChecklistView) => JSON.stringify(renderChecklist(input));

describe('checklist blocks', () => {
  it('asks a newcomer for a calendar (four providers) and explains why video waits for it', () => {
    const input = view({});
    expect(buttons(input).map((b) => b.text.text)).toEqual(['Connect Google calendar', 'Connect Microsoft 365 calendar', 'Connect Exchange calendar', 'Connect iCloud calendar', 'Refresh', 'I don’t host interviews']);
    expect(text(input)).toContain('adds a video link automatically');
    expect(text(input)).toContain('connect your calendar first');
    expect(checklistText(input)).toBe('To host interviews, connect your calendar and Zoom.');
  });

  it('offers Zoom once a Google calendar is connected, with Meet counted as native', () => {
    const input = view({ calendar: google });
    expect(buttons(input).filter((b) => b.url).map((b) => b.text.text)).toEqual(['Connect Zoom']);
    expect(text(input)).toContain('Google Meet*: built into your calendar');
    expect(text(input)).toContain('Last checked Mon 23 Nov, 10:00 (Europe/London)');
  });

  it('offers one button per provider the company uses that the calendar cannot provide', () => {
    const ews: CalendarFacts = { ...google, providerName: 'office365', providerProtocol: 'exchange_web_services', integratedConferencing: false };
    const input = view({ calendar: ews, providers: ['ms_teams', 'zoom', 'go_to'] });
    expect(buttons(input).filter((b) => b.url).map((b) => b.text.text)).toEqual(['Connect Microsoft Teams', 'Connect Zoom', 'Connect GoTo Meeting']);
    expect(text(input)).toContain('Microsoft 365 (Exchange Web Services) connected');
  });

  it('turns a disconnected calendar into a relink button for the same provider, with the reason', () => {
    const input = view({ calendar: { ...google, state: 'disconnected', reason: 'authorization_revoked' } });
    expect(buttons(input).filter((b) => b.url).map((b) => b.text.text)).toEqual(['Relink Google calendar']);
    expect(text(input)).toContain('disconnected because the authorization was revoked');
  });

  it('offers Reconnect for a video account that disconnected', () => {
    const input = view({ calendar: google, conferencing: [zoom('disconnected')] });
    expect(buttons(input).filter((b) => b.url).map((b) => b.text.text)).toEqual(['Reconnect Zoom']);
  });

  it('shows "Sync calendar" instead of the sign-in buttons under Enterprise Connect', () => {
    const input = view({ enterpriseConnect: true });
    expect(buttons(input).filter((b) => b.url).map((b) => b.text.text)).toEqual(['Sync calendar']);
    expect(text(input)).toContain('Enterprise Connect');
  });

  it('says so when the person opted out, and offers to opt back in', () => {
    const input = view({ optedOut: true });
    expect(text(input)).toContain('do not host interviews');
    expect(buttons(input).map((b) => b.text.text)).toContain('I do host interviews again');
  });

  it('shows a ready person the done list and no Connect buttons', () => {
    const input = view({ calendar: google, conferencing: [zoom('connected')] });
    expect(text(input)).toContain('You are ready to host interviews');
    expect(buttons(input).filter((b) => b.url)).toEqual([]);
    expect(checklistText(input)).toBe('You are ready to host interviews.');
  });

  it('stays within Block Kit limits on every surface and state', () => {
    const inputs = [view({}), view({ calendar: google, providers: ['native', 'ms_teams', 'zoom', 'go_to', 'google_meet'] }), view({ surface: 'home', optedOut: true })];
    for (const input of inputs) {
      const blocks = renderChecklist({ ...input, notice: 'x'.repeat(4000) });
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const button of buttons(input)) expect(button.text.text.length).toBeLessThanOrEqual(75);
      for (const block of blocks) if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3000);
      const ids = buttons(input).map((b) => b.action_id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
