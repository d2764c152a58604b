// The wire shape of an event as /v1/events, subscription webhooks and /_sim/state show it.
import type { SimContext } from './config';
import type { EventTime, SimEvent } from './model';
import { personByCalendarId } from './store';
import { formatUtc } from './time-formats';

export function eventView(ctx: SimContext, event: SimEvent) {
  const owner = personByCalendarId(ctx.store, event.calendarId);
  const conferencing = event.conferencing?.status === 'assigned' ? event.conferencing : undefined;
  return {
    calendar_id: event.calendarId,
    event_uid: event.eventUid,
    ...(event.eventId !== undefined ? { event_id: event.eventId } : {}),
    summary: event.summary,
    description: event.description,
    start: timeView(event.start),
    end: timeView(event.end),
    deleted: event.deleted,
    created: formatUtc(event.createdAt),
    updated: formatUtc(event.updatedAt),
    ...(event.location ? { location: event.location } : {}),
    participation_status: 'accepted',
    attendees: event.attendees.map((attendee) => ({
      email: attendee.email,
      display_name: attendee.displayName ?? attendee.email,
      status: 'needs_action',
    })),
    organizer: { email: owner?.email ?? '', display_name: owner?.name ?? '' },
    transparency: event.transparency,
    status: event.deleted ? 'cancelled' : 'confirmed',
    categories: [],
    recurring: false,
    event_private: false,
    options: { delete: true, update: true, change_participation_status: false },
    ...(event.url ? { url: event.url } : {}),
    ...(conferencing?.joinUrl
      ? {
          meeting_url: conferencing.joinUrl,
          conferencing: {
            provider_name: conferencing.providerName,
            join_url: conferencing.joinUrl,
            ...(conferencing.providerDescription ? { provider_description: conferencing.providerDescription } : {}),
          },
        }
      : {}),
  };
}

export function timeView(time: EventTime): string {
  return time.date ?? formatUtc(time.ms);
}
