// Re-reads one person's Cronofy state: stores it, reopens a missing push channel, and announces a new disconnection.
import type { AppContext } from '../app-context';
import type { ConnectionState } from '../readiness/readiness';
import { openPushChannel } from './complete-calendar-connection';
import { syncConnectionState } from './sync-connection-state';

type Ports = Pick<AppContext, 'db' | 'clock' | 'ids' | 'calendars' | 'cronofy' | 'logger' | 'publicUrl' | 'events'>;

/**
 * Throws what Cronofy threw; a 401 that a refresh cannot fix, invalid_grant and 423 have by then marked the
 * connection disconnected and emitted `calendar_disconnected` (the token manager does that).
 */
export async function checkConnection(ports: Ports, employeeId: string): Promise<ConnectionState> {
  const before = await ports.db.calendarConnection.findUnique({ where: { employeeId } });
  if (!before?.accessTokenEnc) return (before?.state as ConnectionState | undefined) ?? 'not_connected';
  await syncConnectionState(ports, employeeId);
  const after = await ports.db.calendarConnection.findUniqueOrThrow({ where: { employeeId } });
  if (after.state === 'connected') await openPushChannel(ports, employeeId);
  if (after.state === 'disconnected' && before.state !== 'disconnected') {
    await ports.events.emit('calendar_disconnected', { employeeId, reason: after.reason ?? 'profile_disconnected' });
  }
  return after.state as ConnectionState;
}

/** Records a disconnection Cronofy announced (push) when its userinfo could not be read to confirm the details. */
export async function markProfileDisconnected(ports: Ports, employeeId: string): Promise<void> {
  const now = ports.clock.now();
  const changed = await ports.db.calendarConnection.updateMany({
    where: { employeeId, state: { not: 'disconnected' } },
    data: { state: 'disconnected', reason: 'profile_disconnected', disconnectedAt: now, lastCheckedAt: now },
  });
  if (changed.count > 0) await ports.events.emit('calendar_disconnected', { employeeId, reason: 'profile_disconnected' });
}
