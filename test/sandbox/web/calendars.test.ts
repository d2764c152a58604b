import { calendars, type CronofyState } from './web-modules';

const people = [
  { email: 'ada@acme.test', realName: 'Ada Admin', role: 'admin' },
  { email: 'emil@acme.test', realName: 'Emil Engineer', role: 'employee' },
];

const state: CronofyState = {
  now: '2030-01-14T08:00:00Z',
  people: [
    { email: 'ada@acme.test', name: 'Ada Admin', zone: 'Europe/London', provider: 'google', connected: true, conferencingAccounts: ['zoom'] },
    { email: 'emil@acme.test', name: 'Emil Engineer', zone: 'Europe/Berlin', provider: 'office365', protocol: 'exchange_web_services', connected: true, accountId: 'acc_1', conferencingAccounts: ['zoom', 'ms_teams'] },
  ],
  accounts: [{ accountId: 'acc_1', authorized: true, profiles: [{ email: 'emil@acme.test', connected: true }], conferencingProfiles: [{ provider: 'zoom', connected: true }] }],
  events: [
    { ownerEmail: 'emil@acme.test', eventUid: 'e1', summary: 'Team stand-up', start: '2030-01-14T08:30:00Z', end: '2030-01-14T08:45:00Z', deleted: false, attendees: [] },
    {
      ownerEmail: 'emil@acme.test',
      eventUid: 'e2',
      eventId: 'slotline_1',
      summary: 'Interview: Jane Doe',
      start: '2030-01-15T13:00:00Z',
      end: '2030-01-15T13:45:00Z',
      deleted: false,
      attendees: [{ email: 'jane@example.com', displayName: 'Jane Doe' }],
      conferencing: { providerName: 'zoom', status: 'assigned', joinUrl: 'https://zoom.example/j/123' },
    },
    { ownerEmail: 'emil@acme.test', eventUid: 'e3', eventId: 'slotline_2', summary: 'Interview: Bob', start: '2030-01-16T13:00:00Z', end: '2030-01-16T13:45:00Z', deleted: false, attendees: [], conferencing: { providerName: 'ms_teams', status: 'pending' } },
    { ownerEmail: 'emil@acme.test', eventUid: 'e4', summary: 'Cancelled', start: '2030-01-16T15:00:00Z', end: '2030-01-16T16:00:00Z', deleted: true, attendees: [] },
    { ownerEmail: 'emil@acme.test', eventUid: 'e5', summary: 'Long ago', start: '2030-01-10T08:00:00Z', end: '2030-01-10T09:00:00Z', deleted: false, attendees: [] },
  ],
};

describe('calendars panel', () => {
  const html = calendars.renderCalendars(state, { timeZone: 'Europe/London', people, viewerEmail: 'emil@acme.test' });

  it('lists the viewer first, with who granted Slotline access and which video accounts are connected', () => {
    expect(html.indexOf('Emil Engineer')).toBeLessThan(html.indexOf('Ada Admin'));
    expect(html).toContain('Emil Engineer <span class="cal-you">(you)</span>');
    expect(html).toContain('<li>Microsoft 365 (Exchange Web Services): <span class="ok">connected to Slotline</span></li>');
    expect(html).toContain('<li>Zoom: <span class="ok">connected</span></li><li>Microsoft Teams: <span class="pending">not connected yet</span></li>');
    expect(html).toContain('<li>Google Calendar: <span class="pending">not connected yet</span></li>');
  });

  it('shows busy times and booked interviews in the viewer’s zone, with join links once the video link exists', () => {
    expect(html).toContain('<span class="cal-tag">Busy</span> Team stand-up');
    expect(html).toContain('Tue 15 Jan</time>'.replace('</time>', ' 13:00</time>'));
    expect(html).toContain('<span class="cal-tag cal-tag--interview">Booked by Slotline</span> Interview: Jane Doe');
    expect(html).toContain('With Jane Doe');
    expect(html).toContain('Zoom: <a href="https://zoom.example/j/123" target="_blank" rel="noopener noreferrer">Join link</a>');
    expect(html).toContain('Microsoft Teams: link on its way…');
    expect(html).not.toContain('Cancelled');
    expect(html).not.toContain('Long ago');
    expect(html).toContain('Times in your zone: Europe/London (GMT)');
  });
});
