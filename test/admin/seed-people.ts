// Seeds many employees with a known mix of connection states straight into the database (createMany), for
// tests of the admin summary, paging and CSV at size. Ten profiles repeat in order, so counts are predictable.
import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/client';

export type Profile =
  | 'google_zoom'
  | 'google_only'
  | 'graph_zoom'
  | 'ews_teams'
  | 'revoked'
  | 'not_connected'
  | 'pending'
  | 'opted_out'
  | 'zoom_disconnected'
  | 'apple_zoom';

export const PROFILES: Profile[] = ['google_zoom', 'google_only', 'graph_zoom', 'ews_teams', 'revoked', 'not_connected', 'pending', 'opted_out', 'zoom_disconnected', 'apple_zoom'];

/** Ids in a scrambled order, like the random ids of real rows, so workspaces interleave. */
function scrambledId(prefix: string, workspaceId: string, i: number): string {
  return `${prefix}_${createHash('sha1').update(`${workspaceId}:${i}`).digest('hex').slice(0, 16)}`;
}

export interface SeedOptions {
  workspaceId: string;
  count: number;
  /** Slack ids are `${slackPrefix}${i}`. */
  slackPrefix?: string;
  now?: Date;
}

export function profileOf(i: number): Profile {
  return PROFILES[i % PROFILES.length];
}

export async function seedPeople(db: Db, options: SeedOptions): Promise<void> {
  const { workspaceId, count } = options;
  const prefix = options.slackPrefix ?? 'UP';
  const now = options.now ?? new Date('2025-03-03T10:00:00Z');
  const employees = [];
  const calendars: Array<Record<string, unknown> & { id: string; employeeId: string; state: string }> = [];
  const conferencing: Array<{ id: string; employeeId: string; provider: string; state: string; reason: string | null; profileId: string; lastCheckedAt: Date }> = [];
  for (let i = 0; i < count; i += 1) {
    const id = scrambledId('emp', workspaceId, i);
    const profile = profileOf(i);
    employees.push({
      id,
      workspaceId,
      slackUserId: `${prefix}${String(i).padStart(5, '0')}`,
      realName: i % 97 === 0 ? `Smith, "J" ${i}` : `Person ${String(i).padStart(5, '0')}`,
      email: `p${i}@acme.test`,
      timeZone: i % 2 ? 'Europe/London' : 'America/New_York',
      optedOutAt: profile === 'opted_out' ? now : null,
    });
    const calendar = (state: string, providerName: string | null, extra: Record<string, unknown> = {}) =>
      calendars.push({ id: scrambledId('cal', workspaceId, i), employeeId: id, state, providerName, lastCheckedAt: now, ...extra });
    const conf = (provider: string, state: string, reason: string | null = null) =>
      conferencing.push({ id: scrambledId(`conf_${provider}`, workspaceId, i), employeeId: id, provider, state, reason, profileId: `pro_${provider}_${i}`, lastCheckedAt: now });
    switch (profile) {
      case 'google_zoom':
        calendar('connected', 'google', { integratedConferencing: true });
        conf('zoom', 'connected');
        break;
      case 'google_only':
        calendar('connected', 'google', { integratedConferencing: true });
        break;
      case 'graph_zoom':
        calendar('connected', 'office365', { providerProtocol: 'graph_api', integratedConferencing: true, viaEnterpriseConnect: true });
        conf('zoom', 'connected');
        conf('ms_teams', 'connected');
        break;
      case 'ews_teams':
        calendar('connected', 'office365', { providerProtocol: 'exchange_web_services' });
        conf('ms_teams', 'connected');
        conf('zoom', 'pending');
        break;
      case 'revoked':
        calendar('disconnected', 'google', { reason: 'authorization_revoked' });
        break;
      case 'not_connected':
        break;
      case 'pending':
        calendar('pending', null);
        break;
      case 'opted_out':
        break;
      case 'zoom_disconnected':
        calendar('connected', 'google', { integratedConferencing: true });
        conf('zoom', 'disconnected', 'profile_disconnected');
        break;
      case 'apple_zoom':
        calendar('connected', 'apple');
        conf('zoom', 'connected');
        conf('go_to', 'connected');
        break;
    }
  }
  for (let i = 0; i < employees.length; i += 2000) await db.employee.createMany({ data: employees.slice(i, i + 2000) });
  for (let i = 0; i < calendars.length; i += 2000) await db.calendarConnection.createMany({ data: calendars.slice(i, i + 2000) });
  for (let i = 0; i < conferencing.length; i += 2000) await db.conferencingConnection.createMany({ data: conferencing.slice(i, i + 2000) });
}

/**
 * What each profile means under the default company setting (native + Zoom), per ten people:
 * ready: google_zoom, graph_zoom, apple_zoom (3); opted out: 1; missing: the other 6.
 */
export const PER_TEN = { ready: 3, optedOut: 1, missing: 6, disconnected: 2, pending: 2 } as const;
