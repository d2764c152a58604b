// Push notifications to an account's channels (reference §7), and event-change fan-out.
import type { SimContext } from './config';
import type { Channel, SimEvent } from './model';
import { personByCalendarId } from './store';
import { formatUtc } from './time-formats';

export function channelView(channel: Channel) {
  return { channel_id: channel.id, callback_url: channel.callbackUrl, filters: channel.filters };
}

export function pushToChannel(ctx: SimContext, channel: Channel, notification: { type: string; changes_since?: string }): void {
  ctx.outbound.send(channel.callbackUrl, notification.type, { notification, channel: channelView(channel) }, ctx.config.callbackDelayMs);
}

export function pushToAccount(ctx: SimContext, accountId: string, notification: { type: string }): void {
  for (const channel of accountChannels(ctx, accountId)) pushToChannel(ctx, channel, notification);
}

/** Tells the calendar owner's channels that the event changed at `event.updatedAt`. */
export function pushEventChange(ctx: SimContext, event: SimEvent): void {
  const accountId = personByCalendarId(ctx.store, event.calendarId)?.accountId;
  if (!accountId) return;
  // Whole seconds, rounded down, so reading with last_modified=changes_since includes this change.
  const changesSince = formatUtc(Math.floor(event.updatedAt / 1000) * 1000);
  for (const channel of accountChannels(ctx, accountId)) {
    const { calendar_ids: calendarIds, only_managed: onlyManaged } = channel.filters;
    if (calendarIds && !calendarIds.includes(event.calendarId)) continue;
    if (onlyManaged && event.eventId === undefined) continue;
    pushToChannel(ctx, channel, { type: 'change', changes_since: changesSince });
  }
}

function accountChannels(ctx: SimContext, accountId: string): Channel[] {
  return [...ctx.store.channels.values()].filter((channel) => channel.accountId === accountId);
}
