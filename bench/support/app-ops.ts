// What the bench may ask of the Slotline process it measures: read-only counts, and seeding connection states
// (the part of a 50,000-person company that Slack's roster cannot supply).
import type { RunningSlotline } from '../../src/app';

export type BenchRequest =
  | { id: number; op: 'peak-reset' | 'peak' | 'ready-at' | 'cpu' | 'gc' | 'exit' }
  | { id: number; op: 'employee-count' }
  | { id: number; op: 'campaign' }
  | { id: number; op: 'seed-connections' }
  | { id: number; op: 'enterprise' | 'enterprise-people' };

export interface CampaignState {
  id: string;
  total: number;
  /** First-wave reminders by status. */
  statuses: Record<string, number>;
}

/** Where an Enterprise Connect sync stands, read from Slotline's own tables (cheap enough to poll). */
export interface EnterpriseState {
  /** The newest sync run (epoch ms on Slotline's clock): `expectedEndAt` is when its last paced batch is due to be done. */
  run: { status: string; total: number; createdAt: number; expectedEndAt: number | null; completedAt: number | null } | null;
  /** Requests by state: succeeded, failed and cancelled are final, every other state (queued, sending…) is open. */
  requests: Record<string, number>;
  /** When the last request became final (epoch ms). */
  lastCompletedAt: number | null;
}

/** Who an Enterprise Connect sync reached (read once, at the end). */
export interface EnterprisePeople {
  /** People with a request, and people asked for more than once (a sync asks for each person once). */
  people: number;
  askedTwice: number;
  /** Calendars connected through Enterprise Connect. */
  connected: number;
}

/** A realistic mix of states, by position: ready, calendar only, disconnected, pending, opted out, nothing yet. */
const MIX = ['ready', 'ready', 'ready', 'calendar', 'calendar', 'disconnected', 'pending', 'opted_out', 'nothing', 'nothing'] as const;
const CHUNK = 500;

export async function handleBenchRequest(slotline: RunningSlotline, request: BenchRequest): Promise<unknown> {
  const { db } = slotline.ctx;
  switch (request.op) {
    case 'employee-count':
      return db.employee.count({ where: { deactivatedAt: null } });
    case 'campaign': {
      const campaign = await db.nudgeCampaign.findFirst({ orderBy: { createdAt: 'desc' } });
      if (!campaign) return null;
      const groups = await db.nudge.groupBy({ by: ['status'], where: { campaignId: campaign.id, sequence: 0 }, _count: { _all: true } });
      const state: CampaignState = { id: campaign.id, total: campaign.total, statuses: Object.fromEntries(groups.map((g) => [g.status, g._count._all])) };
      return state;
    }
    case 'seed-connections': {
      const now = new Date();
      const employees = await db.employee.findMany({ select: { id: true }, orderBy: { slackUserId: 'asc' } });
      const calendars: Array<{ id: string; employeeId: string; state: string; providerName: string | null; integratedConferencing: boolean; reason: string | null; lastCheckedAt: Date }> = [];
      const video: Array<{ id: string; employeeId: string; provider: string; state: string; lastCheckedAt: Date }> = [];
      const optedOut: string[] = [];
      employees.forEach(({ id }, i) => {
        const kind = MIX[i % MIX.length];
        const calendar = (state: string, reason: string | null = null) => calendars.push({ id: `cal_${id}`, employeeId: id, state, providerName: state === 'pending' ? null : 'google', integratedConferencing: state === 'connected', reason, lastCheckedAt: now });
        if (kind === 'ready') {
          calendar('connected');
          video.push({ id: `zoom_${id}`, employeeId: id, provider: 'zoom', state: 'connected', lastCheckedAt: now });
        } else if (kind === 'calendar') calendar('connected');
        else if (kind === 'disconnected') calendar('disconnected', 'authorization_revoked');
        else if (kind === 'pending') calendar('pending');
        else if (kind === 'opted_out') optedOut.push(id);
      });
      for (let i = 0; i < calendars.length; i += CHUNK) await db.calendarConnection.createMany({ data: calendars.slice(i, i + CHUNK) });
      for (let i = 0; i < video.length; i += CHUNK) await db.conferencingConnection.createMany({ data: video.slice(i, i + CHUNK) });
      for (let i = 0; i < optedOut.length; i += CHUNK) await db.employee.updateMany({ where: { id: { in: optedOut.slice(i, i + CHUNK) } }, data: { optedOutAt: now } });
      return employees.length;
    }
    case 'enterprise': {
      const [run, requests, last] = await Promise.all([
        db.enterpriseSyncRun.findFirst({ orderBy: { createdAt: 'desc' } }),
        db.serviceAccountAuthorization.groupBy({ by: ['state'], _count: { _all: true } }),
        db.serviceAccountAuthorization.aggregate({ _max: { completedAt: true } }),
      ]);
      const state: EnterpriseState = {
        run: run && { status: run.status, total: run.total, createdAt: run.createdAt.getTime(), expectedEndAt: run.expectedEndAt?.getTime() ?? null, completedAt: run.completedAt?.getTime() ?? null },
        requests: Object.fromEntries(requests.map((g) => [g.state, g._count._all])),
        lastCompletedAt: last._max.completedAt?.getTime() ?? null,
      };
      return state;
    }
    case 'enterprise-people': {
      const [perPerson, connected] = await Promise.all([
        db.serviceAccountAuthorization.groupBy({ by: ['employeeId'], _count: { _all: true } }),
        db.calendarConnection.count({ where: { state: 'connected', viaEnterpriseConnect: true } }),
      ]);
      const people: EnterprisePeople = { people: perPerson.length, askedTwice: perPerson.filter((g) => g._count._all > 1).length, connected };
      return people;
    }
    default:
      throw new Error(`unknown bench op ${(request as { op: string }).op}`);
  }
}
