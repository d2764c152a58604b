// The demo calendars as the Cronofy simulator holds them (GET /_sim/state): who granted Slotline access, which video
// accounts are connected, busy times and the interviews Slotline booked with their join links. Pure (browser and node).
import { escapeHtml } from './mrkdwn.js';
import { formatClock, formatDay, zoneAbbreviation } from './zoned-time.js';

/**
 * @typedef {{ email: string, name: string, zone: string, provider: string, protocol?: string, connected: boolean, accountId?: string, conferencingAccounts: string[] }} SimPerson
 * @typedef {{ accountId: string, authorized: boolean, profiles: Array<{ email: string, connected: boolean }>, conferencingProfiles: Array<{ provider: string, connected: boolean }> }} SimAccount
 * @typedef {{ ownerEmail?: string, eventUid: string, eventId?: string, summary: string, start: string, end: string, deleted: boolean, attendees: Array<{ email: string, displayName?: string }>, conferencing?: { providerName: string, status: string, joinUrl?: string } }} SimEvent
 * @typedef {{ now: string, people: SimPerson[], accounts: SimAccount[], events: SimEvent[] }} CronofyState
 * @typedef {{ email: string, realName: string, role: string }} DemoPersonSummary
 */

/** @type {Record<string, string>} */
const CALENDAR_LABELS = { google: 'Google Calendar', office365: 'Microsoft 365', exchange: 'Exchange', apple: 'iCloud Calendar', live_connect: 'Outlook.com' };
/** @type {Record<string, string>} */
const VIDEO_LABELS = { zoom: 'Zoom', ms_teams: 'Microsoft Teams', go_to: 'GoTo Meeting', google_meet: 'Google Meet' };

/** @param {SimPerson} person */
function calendarLabel(person) {
  const label = CALENDAR_LABELS[person.provider] ?? person.provider;
  return person.protocol === 'exchange_web_services' ? `${label} (Exchange Web Services)` : label;
}

/** @param {string} provider */
const videoLabel = (provider) => VIDEO_LABELS[provider] ?? provider;

/** How long ago an event may have ended and still be listed. */
const RECENT_MS = 2 * 60 * 60 * 1000;
const MAX_EVENTS_PER_PERSON = 12;

/**
 * @param {SimEvent} event
 * @param {string} timeZone
 */
function renderEvent(event, timeZone) {
  const start = Date.parse(event.start);
  const end = Date.parse(event.end);
  const when = Number.isNaN(start)
    ? escapeHtml(`${event.start} (all day)`)
    : `<time datetime="${escapeHtml(event.start)}">${escapeHtml(formatDay(start, timeZone))} ${escapeHtml(formatClock(start, timeZone))}</time>–<time datetime="${escapeHtml(event.end)}">${escapeHtml(formatClock(end, timeZone))}</time>`;
  const booked = event.eventId !== undefined;
  const attendees = booked && event.attendees.length > 0 ? `<div class="cal-attendees">With ${event.attendees.map((a) => escapeHtml(a.displayName || a.email)).join(', ')}</div>` : '';
  let video = '';
  if (event.conferencing) {
    const provider = escapeHtml(videoLabel(event.conferencing.providerName));
    if (event.conferencing.joinUrl) {
      video = `<div class="cal-video">${provider}: <a href="${escapeHtml(event.conferencing.joinUrl)}" target="_blank" rel="noopener noreferrer">Join link</a></div>`;
    } else {
      video = `<div class="cal-video cal-video--${escapeHtml(event.conferencing.status)}">${provider}: ${event.conferencing.status === 'failing' ? 'could not create the meeting' : 'link on its way…'}</div>`;
    }
  }
  const kind = booked ? '<span class="cal-tag cal-tag--interview">Booked by Slotline</span>' : '<span class="cal-tag">Busy</span>';
  return `<li class="cal-event ${booked ? 'cal-event--booked' : 'cal-event--busy'}"><div class="cal-when">${when}</div><div class="cal-what">${kind} ${escapeHtml(event.summary)}</div>${attendees}${video}</li>`;
}

/**
 * @param {SimPerson} person
 * @param {SimAccount | undefined} account
 */
function renderConnections(person, account) {
  const granted = account !== undefined && account.authorized && person.connected;
  const calendar = `<li>${escapeHtml(calendarLabel(person))}: ${granted ? '<span class="ok">connected to Slotline</span>' : '<span class="pending">not connected yet</span>'}</li>`;
  const videos = person.conferencingAccounts.map((provider) => {
    const profile = account?.conferencingProfiles.find((candidate) => candidate.provider === provider);
    const connected = account !== undefined && account.authorized && profile?.connected === true;
    return `<li>${escapeHtml(videoLabel(provider))}: ${connected ? '<span class="ok">connected</span>' : '<span class="pending">not connected yet</span>'}</li>`;
  });
  return `<ul class="cal-connections">${calendar}${videos.join('')}</ul>`;
}

/**
 * The calendars panel. Times show in the viewer's zone.
 * @param {CronofyState} state
 * @param {{ timeZone: string, people: DemoPersonSummary[], viewerEmail?: string }} ctx
 */
export function renderCalendars(state, ctx) {
  const now = Date.parse(state.now);
  const order = ctx.people.map((person) => person.email.toLowerCase());
  const people = [...state.people].sort((a, b) => rank(a) - rank(b));
  /** @param {SimPerson} person */
  function rank(person) {
    const email = person.email.toLowerCase();
    if (email === ctx.viewerEmail?.toLowerCase()) return -1;
    const index = order.indexOf(email);
    return index === -1 ? order.length : index;
  }
  const sections = people.map((person) => {
    const demo = ctx.people.find((candidate) => candidate.email.toLowerCase() === person.email.toLowerCase());
    const account = state.accounts.find((candidate) => candidate.accountId === person.accountId);
    const events = state.events
      .filter((event) => !event.deleted && event.ownerEmail?.toLowerCase() === person.email.toLowerCase())
      .filter((event) => Number.isNaN(Date.parse(event.end)) || Date.parse(event.end) >= now - RECENT_MS)
      .sort((a, b) => a.start.localeCompare(b.start));
    const shown = events.slice(0, MAX_EVENTS_PER_PERSON).map((event) => renderEvent(event, ctx.timeZone)).join('');
    const more = events.length > MAX_EVENTS_PER_PERSON ? `<li class="cal-more">and ${events.length - MAX_EVENTS_PER_PERSON} more</li>` : '';
    const headingId = `cal-${person.email.replace(/[^a-z0-9]/gi, '-')}`;
    const you = person.email.toLowerCase() === ctx.viewerEmail?.toLowerCase() ? ' <span class="cal-you">(you)</span>' : '';
    const role = demo ? ` <span class="role role--${escapeHtml(demo.role)}">${escapeHtml(demo.role)}</span>` : '';
    return `<section class="cal-person" aria-labelledby="${headingId}"><h3 id="${headingId}">${escapeHtml(demo?.realName ?? person.name)}${you}${role}</h3>
${renderConnections(person, account)}
${shown || more ? `<ol class="cal-events">${shown}${more}</ol>` : '<p class="empty">Nothing in the calendar.</p>'}</section>`;
  });
  const zone = `Times in your zone: ${escapeHtml(ctx.timeZone)} (${escapeHtml(zoneAbbreviation(now, ctx.timeZone))})`;
  return `<p class="cal-zone">${zone}</p>${sections.join('')}`;
}
