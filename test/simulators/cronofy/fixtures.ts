// Shared set-up for the simulator's integration tests: a controllable clock, a running simulator
// and a person connected through the real browser + token flow.
import {
  consent,
  createCronofySimulator,
  type CronofySimulator,
  type CronofySimulatorOptions,
  type PersonSeed,
} from '../../../src/simulators/cronofy';
import { createSdk, type CronofySdk, type TokenResponse } from './cronofy-sdk';

export const CLIENT_ID = 'slotline-test-client';
export const CLIENT_SECRET = 'CRN_test_client_secret_0123456789';
export const REDIRECT_URI = 'https://slotline.example/cronofy/callback';

/** Monday 24 March 2025, 08:00 UTC: the week Europe moves to summer time. */
export const MONDAY_MORNING = Date.parse('2025-03-24T08:00:00Z');

export interface TestClock {
  now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

export function testClock(start = MONDAY_MORNING): TestClock {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export function startSimulator(clock: TestClock, options: Partial<CronofySimulatorOptions> = {}): Promise<CronofySimulator> {
  return createCronofySimulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    clock: clock.now,
    conferencingDelayMs: 5,
    callbackDelayMs: 5,
    ...options,
  });
}

export function appSdk(sim: CronofySimulator, accessToken?: string): CronofySdk {
  return createSdk(sim, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...(accessToken ? { access_token: accessToken } : {}) });
}

export function authorizeUrl(sim: CronofySimulator, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: 'read_account list_calendars read_events create_event delete_event read_free_busy',
    state: 'state-123',
    ...params,
  });
  return `${sim.siteUrl}/oauth/authorize?${query}`;
}

export function codeFrom(location: string): string {
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`No code in ${location}`);
  return code;
}

export interface ConnectedPerson {
  email: string;
  tokens: TokenResponse;
  sdk: CronofySdk;
  calendarId: string;
}

/** Seeds the person, runs Individual Connect through the consent page and exchanges the code. */
export async function connectPerson(
  sim: CronofySimulator,
  seed: PersonSeed,
  params: Record<string, string> = {},
): Promise<ConnectedPerson> {
  const { calendarId } = sim.addPerson(seed);
  const { location } = await consent(authorizeUrl(sim, params), { email: seed.email, allow: true });
  const tokens = await appSdk(sim).requestAccessToken({ code: codeFrom(location), redirect_uri: REDIRECT_URI });
  return { email: seed.email, tokens, sdk: appSdk(sim, tokens.access_token), calendarId };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<{ statusCode: number; entity: unknown }> {
  try {
    await promise;
  } catch (error) {
    const sdkError = error as { statusCode: number; error?: { entity: unknown } };
    return { statusCode: sdkError.statusCode, entity: sdkError.error?.entity };
  }
  throw new Error('Expected the SDK call to fail');
}
