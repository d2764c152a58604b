// What Slotline does with a Cronofy push notification whose HMAC was already checked: answer fast, work in a job.
import type { AppContext } from '../app-context';
import { pushNotificationSchema } from '../cronofy/schemas';
import { PROFILE_DISCONNECTED_JOB } from './connection-jobs';

export type PushOutcome = { status: 200 | 202 | 400 | 404; result: 'verified' | 'queued' | 'ignored' | 'malformed' | 'unknown_connection' };

export async function acceptPushNotification(ctx: Pick<AppContext, 'db' | 'jobs' | 'logger'>, connectionId: string, rawBody: Buffer): Promise<PushOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { status: 400, result: 'malformed' };
  }
  const parsed = pushNotificationSchema.safeParse(json);
  if (!parsed.success) return { status: 400, result: 'malformed' };
  const connection = await ctx.db.calendarConnection.findUnique({ where: { id: connectionId }, select: { employeeId: true, pushChannelId: true } });
  // 404 lets Cronofy give up on a channel whose person is gone.
  if (!connection) return { status: 404, result: 'unknown_connection' };
  const { type } = parsed.data.notification;
  const channelId = parsed.data.channel?.channel_id;
  if (type === 'verification') return { status: 200, result: 'verified' };
  // A channel from before a reconnection still delivers until Cronofy closes it; its news is stale.
  if (channelId && connection.pushChannelId && channelId !== connection.pushChannelId) return { status: 200, result: 'ignored' };
  if (type === 'profile_disconnected' || type === 'conferencing_profile_disconnected') {
    await ctx.jobs.enqueue(PROFILE_DISCONNECTED_JOB, { employeeId: connection.employeeId }, { uniqueKey: `${PROFILE_DISCONNECTED_JOB}:${connection.employeeId}` });
    return { status: 202, result: 'queued' };
  }
  // `change` and other types concern events, not the connection; unknown types are ignored as Cronofy asks.
  ctx.logger.debug('ignored a Cronofy push notification', { type, connectionId });
  return { status: 200, result: 'ignored' };
}
