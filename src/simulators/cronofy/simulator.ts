// createCronofySimulator: wires the store, router and server together and exposes the controls
// tests and the offline sandbox use.
import { setProfileConnected } from './accounts';
import { resolveConfig, type CronofySimulatorOptions, type SimContext } from './config';
import {
  addBusy,
  addEnterpriseDomain,
  addPerson,
  type BusySeed,
  type EnterpriseDomainSeed,
  type PersonSeed,
  type SeededPerson,
} from './directory';
import { createFaultInjector, type Fault, type FaultMatch } from './fault-injection';
import type { Person } from './model';
import { createOutbound, type Delivery } from './outbound';
import { createRateLimiter } from './rate-limit';
import { createCronofyRouter } from './routes';
import { close, listen, type RequestLogEntry } from './server';
import {
  accountSnapshot,
  eventSnapshot,
  tokenSnapshots,
  type AccountSnapshot,
  type EventSnapshot,
  type TokenSnapshot,
} from './snapshots';
import { createStore, findPerson } from './store';
import { createTaskRunner } from './tasks';

export interface CronofySimulator {
  /** Base URL of the one server that plays both hosts. */
  readonly url: string;
  /** Set as the SDK's `urls.api`. */
  readonly apiUrl: string;
  /** Cronofy's app host: authorize, conferencing and relink pages. */
  readonly siteUrl: string;
  stop(): Promise<void>;

  addPerson(seed: PersonSeed): SeededPerson;
  addBusy(email: string, busy: BusySeed): void;
  addEnterpriseDomain(domain: EnterpriseDomainSeed): void;

  /** Marks the person's calendar profile disconnected and pushes `profile_disconnected`. */
  disconnectProfile(email: string): void;
  reconnectProfile(email: string): void;
  /** Expires the access tokens of the person's account, or every access token. */
  expireAccessTokens(email?: string): void;
  failNext(match: FaultMatch, fault: Fault): void;
  /** Ends every fault `failNext` set up, those set to last for ever included. */
  clearFaults(): void;

  /** Events in the person's calendar, deleted ones included. */
  events(email: string): EventSnapshot[];
  accounts(): AccountSnapshot[];
  readonly tokens: TokenSnapshot[];
  readonly requests: RequestLogEntry[];
  /** Callbacks, pushes and webhooks the simulator POSTed. */
  readonly deliveries: Delivery[];
  /** Resolves once async work (conferencing, callbacks, pushes) has finished. */
  whenIdle(): Promise<void>;
}

export async function createCronofySimulator(options: CronofySimulatorOptions): Promise<CronofySimulator> {
  const config = resolveConfig(options);
  const tasks = createTaskRunner();
  const ctx: SimContext = {
    config,
    store: createStore(),
    tasks,
    outbound: createOutbound(config.clientSecret, tasks, config.clock),
    baseUrl: '',
  };
  const faults = createFaultInjector();
  const requestLog: RequestLogEntry[] = [];
  const { server, url } = await listen(
    { ctx, router: createCronofyRouter(), faults, rateLimiter: createRateLimiter(config.rateLimit, config.clock), requestLog },
    options.host ?? '127.0.0.1',
    options.port ?? 0,
  );
  ctx.baseUrl = url;

  const person = (email: string): Person => {
    const found = findPerson(ctx.store, email);
    if (!found) throw new Error(`No person with email ${email}`);
    return found;
  };

  return {
    url,
    apiUrl: url,
    siteUrl: url,
    async stop() {
      tasks.stop();
      await close(server);
    },
    addPerson: (seed) => addPerson(ctx, seed),
    addBusy: (email, busy) => addBusy(ctx, email, busy),
    addEnterpriseDomain: (domain) => addEnterpriseDomain(ctx, domain),
    disconnectProfile: (email) => setProfileConnected(ctx, person(email), false),
    reconnectProfile: (email) => setProfileConnected(ctx, person(email), true),
    expireAccessTokens(email) {
      const accountId = email === undefined ? undefined : person(email).accountId;
      const expiredAt = config.clock() - 1;
      for (const token of ctx.store.accessTokens.values()) {
        const grant = ctx.store.grants.get(token.grantId);
        if (email === undefined || grant?.subject.id === accountId) token.expiresAt = expiredAt;
      }
    },
    failNext: (match, fault) => faults.add(match, fault),
    clearFaults: () => faults.clear(),
    events: (email) => {
      const { calendarId } = person(email);
      return ctx.store.events.filter((event) => event.calendarId === calendarId).map((event) => eventSnapshot(ctx, event));
    },
    accounts: () => [...ctx.store.accounts.values()].map((account) => accountSnapshot(ctx, account)),
    get tokens() {
      return tokenSnapshots(ctx);
    },
    get requests() {
      return [...requestLog];
    },
    get deliveries() {
      return [...ctx.outbound.deliveries];
    },
    whenIdle: () => tasks.whenIdle(),
  };
}
