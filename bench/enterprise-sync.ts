// Enterprise Connect for a whole company: an admin links the company's domain the way a real one does
// (`/integrations enterprise` → the link button → Cronofy's admin consent page → Slotline's callback), and
// Slotline syncs everyone on the domain against the Cronofy simulator enforcing Cronofy's real per-application
// limits. Measured from the admin's return to Slotline until every person's request is final (code exchanged
// and calendar connected, or failed with a reason): wall time next to the least time those limits allow for
// the Cronofy requests Slotline made, how many it made (and how many were batches), and how many were answered 429.
// At real limits a big company takes far longer than a bench run may: with a budget, the run stops there and
// reports how far it got, when Slotline's own schedule says it will be done, and what the limits allow.
import { DEFAULT_PACING } from '../src/enterprise/pacing';
import { ENTERPRISE_ACTIONS } from '../src/enterprise/enterprise-blocks';
import { consent, type RateLimit, type RequestLogEntry } from '../src/simulators/cronofy';
import { startAppProcess, type AppProcess, type Scratch } from './support/app-host';
import type { EnterprisePeople, EnterpriseState } from './support/app-ops';
import { ms } from './support/stats';
import { ADMIN, createWorld, TEAM, type World } from './support/world';

/** Cronofy's default per-application limit (reference §8): 50 requests a second and 500 a minute. */
export const CRONOFY_LIMIT: RateLimit = { perSecond: 50, perMinute: 500 };
const DOMAIN = 'acme.test';
const ADMIN_EMAIL = `it-admin@${DOMAIN}`;
const PROVIDER = 'google';
/** One person in this many has no mailbox at the provider (an alias, a leaver): their request fails, with a reason. */
const NO_MAILBOX_EVERY = 100;
/** Pages a browser visits on Cronofy's app host: not API requests, and never rate-limited. */
const BROWSER_PATHS = /^\/(oauth\/authorize|enterprise_connect\/|conferencing_services\/|relink\/|graph_api_migration\/)/;
const BATCH_PATH = '/v1/service_account_authorizations';
/** A request's final states; every other state (queued, sending, requested, exchanging…) is still open. */
const FINAL_STATES = ['succeeded', 'failed', 'cancelled'];

export interface EnterpriseSyncResult {
  /** Everyone on the domain (every employee but the admin, who is on another domain). */
  people: number;
  /** The limit the Cronofy simulator enforced, and the share of it Slotline's pacing spends (its defaults). */
  limit: RateLimit;
  pacing: { callsPerMinute: number; batchSize: number };
  /** How long the run could take (0: until done). */
  budgetMs: number;
  /** Every person's request was final within the budget. */
  done: boolean;
  /** The admin's return to Slotline → the last request final (done), or → the end of the budget. */
  wallMs: number;
  /** Requests final (succeeded: calendar connected; failed: with a reason), and how many people the run planned. */
  succeeded: number;
  failed: number;
  planned: number;
  /** Calendars connected through Enterprise Connect; people with a request, and with more than one. */
  connected: number;
  peopleRequested: number;
  askedTwice: number;
  /** The admin's return → everyone claimed and their batches scheduled. */
  planningMs: number | null;
  /** The admin's return → when Slotline's own schedule (its pacing) has the last batch done. */
  scheduleMs: number | null;
  /** Cronofy API requests Slotline made in the measured time (429s not counted), of which batches and the link's own. */
  requests: number;
  batches: number;
  linkRequests: number;
  rateLimited: number;
  /** The least time `limit` allows for `requests`: no client making that many can be faster. */
  minimumMs: number;
  /** Requests per final person (code exchange, userinfo, push channel for a connected one; none for a failure). */
  requestsPerPerson: number | null;
  /** When not done: the requests the whole sync needs at the measured requests per person, and their least time. */
  projectedRequests: number | null;
  projectedMinimumMs: number | null;
  /** CPU time the Slotline process used in the measured time. */
  cpuMs: number;
}

/**
 * The least time `count` requests need under a per-second and a per-minute sliding window: each request leaves
 * as early as both windows have room for it (the greedy schedule, which no client can beat).
 */
export function minimumTimeMs(count: number, limit: RateLimit): number {
  const at: number[] = [];
  for (let k = 0; k < count; k += 1) {
    at.push(Math.max(at[k - 1] ?? 0, k >= limit.perSecond ? at[k - limit.perSecond] + 1_000 : 0, k >= limit.perMinute ? at[k - limit.perMinute] + 60_000 : 0));
  }
  return at[count - 1] ?? 0;
}

/** Plays the admin in Slack and the browser up to Cronofy's redirect back to Slotline (not followed yet). */
async function adminConsents(world: World): Promise<string> {
  const command = await world.slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'enterprise' });
  if (command.status !== 200) throw new Error(`/integrations enterprise answered ${command.status}`);
  const reply = await world.slack.waitFor((record) => record.kind === 'responseUrlPost' && record.url === command.responseUrl, { timeoutMs: 30_000 });
  const actionId = `${ENTERPRISE_ACTIONS.linkPrefix}${PROVIDER}`;
  const body = (reply.kind === 'responseUrlPost' ? reply.body : null) as { blocks?: Array<{ elements?: Array<{ action_id?: string; url?: string }> }> } | null;
  const url = body?.blocks?.flatMap((block) => block.elements ?? []).find((element) => element.action_id === actionId)?.url;
  if (!url) throw new Error(`/integrations enterprise showed no ${actionId} button: ${JSON.stringify(body).slice(0, 500)}`);
  const opened = await fetch(url, { redirect: 'manual' });
  const cronofyPage = opened.headers.get('location');
  if (opened.status !== 302 || !cronofyPage) throw new Error(`the Enterprise Connect link answered ${opened.status}: ${await opened.text()}`);
  // The one step only a browser does: the domain's administrator signs in on Cronofy's page and allows.
  const { location } = await consent(cronofyPage, { email: ADMIN_EMAIL, allow: true });
  return location;
}

const openCount = (state: EnterpriseState) => Object.entries(state.requests).reduce((sum, [s, n]) => (FINAL_STATES.includes(s) ? sum : sum + n), 0);
/** The run closed itself and no request of any person is still open. */
const isDone = (state: EnterpriseState) => state.run !== null && state.run.status === 'completed' && openCount(state) === 0;

export async function benchEnterpriseSync(scratch: Scratch, options: { people: number; budgetMs: number; limit?: RateLimit; log(line: string): void }): Promise<EnterpriseSyncResult> {
  const { people, budgetMs } = options;
  const limit = options.limit ?? CRONOFY_LIMIT;
  const setupStarted = Date.now();
  const world = await createWorld({ members: people, emailDomain: DOMAIN, cronofyRateLimit: limit });
  world.cronofy.addEnterpriseDomain({ domain: DOMAIN, provider: PROVIDER, adminEmail: ADMIN_EMAIL });
  for (let i = 0; i < people; i += 1) {
    if (i % NO_MAILBOX_EVERY === NO_MAILBOX_EVERY - 1) continue;
    world.cronofy.addPerson({ email: `person${i}@${DOMAIN}`, zone: i % 3 === 0 ? 'America/New_York' : 'Europe/London', calendar: { provider: PROVIDER } });
  }
  const poll = async <T>(probe: () => Promise<T | null>, timeoutMs: number, everyMs: number): Promise<T | null> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() >= deadline) return null;
      await new Promise((resolve) => setTimeout(resolve, Math.min(everyMs, Math.max(0, deadline - Date.now()))));
    }
  };
  let started: AppProcess | undefined;
  try {
    const slotline = (started = await startAppProcess({ kind: 'slotline', env: world.env(scratch.freshDatabase('enterprise'), scratch.dir) }));
    options.log(`enterprise: simulators and Slotline up after ${ms(Date.now() - setupStarted)}`);
    world.slack.setAppUrl(`${slotline.url}/slack/events`);
    const imported = await poll(async () => (await slotline.call<number>('employee-count')) === people + 1, 600_000, 250);
    if (!imported) throw new Error('the roster import did not finish in 10 minutes');
    options.log(`enterprise: ${people} employees on ${DOMAIN} imported (set-up took ${ms(Date.now() - setupStarted)})`);

    const callback = await adminConsents(world);
    const cpuBefore = await slotline.call<number>('cpu');
    const startedAt = Date.now();
    const page = await fetch(callback);
    const html = await page.text();
    if (page.status !== 200 || !html.includes('Enterprise Connect linked')) throw new Error(`Slotline's Enterprise Connect callback answered ${page.status}: ${html.slice(0, 300)}`);
    const linkedAt = Date.now();
    options.log(`enterprise: ${DOMAIN} linked; syncing at ${limit.perSecond}/s and ${limit.perMinute}/min${budgetMs ? ` for up to ${ms(budgetMs)}` : ''}`);
    const deadline = budgetMs ? startedAt + budgetMs : Number.POSITIVE_INFINITY;
    const left = () => deadline - Date.now();

    // Planning is quick: watched closely so its time means something; the paced sending after it, less often.
    const planned = await poll(async () => {
      const state = await slotline.call<EnterpriseState>('enterprise');
      return state.run && state.run.status !== 'planning' ? { state, at: Date.now() } : null;
    }, Math.min(left(), 600_000), 250);
    let lastLogged = Date.now();
    const final =
      (await poll(async () => {
        const state = await slotline.call<EnterpriseState>('enterprise');
        if (Date.now() - lastLogged >= 30_000) {
          lastLogged = Date.now();
          options.log(`enterprise: ${(state.requests.succeeded ?? 0) + (state.requests.failed ?? 0)} / ${state.run?.total ?? '?'} final after ${ms(Date.now() - startedAt)}`);
        }
        return isDone(state) ? state : null;
      }, left(), 1_000)) ?? (await slotline.call<EnterpriseState>('enterprise'));
    const endedAt = Date.now();
    const cpuMs = (await slotline.call<number>('cpu')) - cpuBefore;
    const reached = await slotline.call<EnterprisePeople>('enterprise-people');

    const done = isDone(final);
    const windowEnd = done ? (final.lastCompletedAt ?? endedAt) : endedAt;
    const log = world.cronofy.requests.filter((entry: RequestLogEntry) => entry.at >= startedAt && entry.at <= windowEnd && !BROWSER_PATHS.test(entry.path));
    const accepted = log.filter((entry) => entry.status !== 429);
    const batches = accepted.filter((entry) => entry.method === 'POST' && entry.path === BATCH_PATH).length;
    const linkRequests = accepted.filter((entry) => entry.at <= linkedAt).length;
    const succeeded = final.requests.succeeded ?? 0;
    const failed = final.requests.failed ?? 0;
    const total = final.run?.total ?? 0;
    // Each final person's share of the requests (their code exchange, userinfo, push channel; none for a failure).
    const perPerson = succeeded + failed > 0 ? (accepted.length - linkRequests - batches) / (succeeded + failed) : null;
    const projectedRequests = done || perPerson === null ? null : Math.round(linkRequests + Math.ceil(total / DEFAULT_PACING.batchSize) + perPerson * total);
    return {
      people,
      limit,
      pacing: { callsPerMinute: DEFAULT_PACING.callsPerMinute, batchSize: DEFAULT_PACING.batchSize },
      budgetMs,
      done,
      wallMs: windowEnd - startedAt,
      succeeded,
      failed,
      planned: total,
      connected: reached.connected,
      peopleRequested: reached.people,
      askedTwice: reached.askedTwice,
      planningMs: planned ? planned.at - startedAt : null,
      scheduleMs: final.run?.expectedEndAt ? final.run.expectedEndAt - startedAt : null,
      requests: accepted.length,
      batches,
      linkRequests,
      rateLimited: log.length - accepted.length,
      minimumMs: minimumTimeMs(accepted.length, limit),
      requestsPerPerson: perPerson,
      projectedRequests,
      projectedMinimumMs: projectedRequests === null ? null : minimumTimeMs(projectedRequests, limit),
      cpuMs,
    };
  } finally {
    await started?.stop();
    await world.stop();
  }
}
