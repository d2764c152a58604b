// Shared set-up for the Slack simulator tests: a seeded workspace, a controllable clock, a quiet logger.
import { LogLevel, type Logger, WebClient } from '@slack/web-api';
import { createSlackSimulator, type SlackSimulator, type SlackSimulatorOptions } from '../../../src/simulators/slack';

export const SIGNING_SECRET = 'test-signing-secret';

export class FakeClock {
  constructor(public nowMs = Date.UTC(2025, 5, 2, 14, 0, 0)) {}
  readonly now = (): number => this.nowMs;
  advance(ms: number): void {
    this.nowMs += ms;
  }
}

export interface SeededSimulator {
  sim: SlackSimulator;
  teamId: string;
  botToken: string;
  botUserId: string;
  ada: string;
  grace: string;
  client: WebClient;
}

export async function startSeededSimulator(options: Partial<SlackSimulatorOptions> = {}): Promise<SeededSimulator> {
  const sim = await createSlackSimulator({ signingSecret: SIGNING_SECRET, ...options });
  const { teamId, botToken, botUserId } = sim.addWorkspace({ teamId: 'T0ACME', name: 'Acme' });
  const ada = sim.addUser(teamId, { name: 'ada', realName: 'Ada Lovelace', email: 'ada@acme.test', tz: 'Europe/London', isAdmin: true }).id;
  const grace = sim.addUser(teamId, { name: 'grace', realName: 'Grace Hopper', email: 'grace@acme.test' }).id;
  return { sim, teamId, botToken, botUserId, ada, grace, client: webClient(sim, botToken) };
}

export function webClient(sim: SlackSimulator, token?: string, extra: ConstructorParameters<typeof WebClient>[1] = {}): WebClient {
  return new WebClient(token, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger, ...extra });
}

export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
