// Reads a person's Cronofy userinfo and stores what it says: calendar profile state and conferencing profiles.
import type { AppContext } from '../app-context';
import type { CalendarProfile, UserInfo } from '../cronofy/schemas';
import { isAuthorizableProvider } from '../readiness/providers';

type Ports = Pick<AppContext, 'db' | 'clock' | 'ids' | 'calendars' | 'cronofy'>;

/** The profile Slotline writes interviews into: the one holding a primary, writable calendar. */
export function choosePrimaryCalendar(profiles: CalendarProfile[]): { profile: CalendarProfile; calendarId: string | null; integrated: boolean } | null {
  const writable = profiles.flatMap((profile) => profile.profile_calendars.filter((c) => !c.calendar_readonly && !c.calendar_deleted).map((calendar) => ({ profile, calendar })));
  const chosen = writable.find((w) => w.calendar.calendar_primary) ?? writable[0];
  if (chosen) return { profile: chosen.profile, calendarId: chosen.calendar.calendar_id, integrated: chosen.calendar.calendar_integrated_conferencing_available };
  return profiles[0] ? { profile: profiles[0], calendarId: null, integrated: false } : null;
}

/** Applies a userinfo document to the stored calendar and conferencing states. */
export async function applyUserInfo(ports: Ports, employeeId: string, info: UserInfo): Promise<void> {
  const { db, clock, ids } = ports;
  const now = clock.now();
  const data = info['cronofy.data'];
  const chosen = choosePrimaryCalendar(data?.profiles ?? []);
  const disconnected = chosen && !chosen.profile.profile_connected;
  const noWritableCalendar = chosen && chosen.calendarId === null;
  if (disconnected || !chosen) {
    await db.calendarConnection.updateMany({ where: { employeeId, state: { not: 'disconnected' } }, data: { disconnectedAt: now } });
  }
  await db.calendarConnection.update({
    where: { employeeId },
    data: {
      cronofyAccountId: info.sub,
      lastCheckedAt: now,
      ...(chosen
        ? {
            state: disconnected ? 'disconnected' : 'connected',
            reason: disconnected ? 'profile_disconnected' : noWritableCalendar ? 'no_writable_calendar' : null,
            profileId: chosen.profile.profile_id,
            profileName: chosen.profile.profile_name ?? null,
            providerName: chosen.profile.provider_name,
            providerService: chosen.profile.provider_service ?? null,
            providerProtocol: chosen.profile.provider_protocol ?? null,
            primaryCalendarId: chosen.calendarId,
            integratedConferencing: chosen.integrated,
            relinkUrl: chosen.profile.profile_relink_url ?? null,
          }
        : { state: 'disconnected', reason: 'no_calendar_profile' }),
    },
  });
  const seen = new Set<string>();
  for (const profile of data?.conferencing_profiles ?? []) {
    if (!isAuthorizableProvider(profile.provider_name) || seen.has(profile.provider_name)) continue;
    seen.add(profile.provider_name);
    const fields = {
      state: profile.profile_connected ? 'connected' : 'disconnected',
      reason: profile.profile_connected ? null : 'profile_disconnected',
      profileId: profile.profile_id,
      profileName: profile.profile_name ?? null,
      relinkUrl: profile.profile_relink_url ?? null,
      lastCheckedAt: now,
    };
    await db.conferencingConnection.upsert({
      where: { employeeId_provider: { employeeId, provider: profile.provider_name } },
      create: { id: ids.id('conf'), employeeId, provider: profile.provider_name, ...fields },
      update: fields,
    });
  }
  // Profiles Cronofy no longer lists were unlinked: only a stored "connected" needs correcting.
  await db.conferencingConnection.updateMany({
    where: { employeeId, state: 'connected', provider: { notIn: [...seen] } },
    data: { state: 'disconnected', reason: 'profile_removed', lastCheckedAt: now },
  });
}

/** Re-reads userinfo with the employee's own token (refreshing it if needed) and stores the result. */
export async function syncConnectionState(ports: Ports, employeeId: string): Promise<UserInfo> {
  const info = await ports.calendars.withAccessToken(employeeId, (token) => ports.cronofy.userInfo(token));
  await applyUserInfo(ports, employeeId, info);
  return info;
}
