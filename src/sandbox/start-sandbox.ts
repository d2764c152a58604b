// Sandbox mode: no Slack or Cronofy credentials, so Slotline runs against the built-in simulators and a demo company.
import { randomBytes } from 'node:crypto';
import type { Config, CronofyConfig, SlackConfig } from '../config/env';
import type { TokenCipher } from '../crypto/token-cipher';
import type { Db } from '../db/client';
import type { Logger } from '../platform/logger';
import { createCronofySimulator, type CronofySimulator } from '../simulators/cronofy';
import { createSlackSimulator, type SlackSimulator } from '../simulators/slack';
import { demoBusyTimes } from './demo-calendars';
import { DEMO_PEOPLE, DEMO_TEAM } from './demo-company';
import { createLiveUpdates, type LiveUpdates } from './live-updates';

export interface Sandbox {
  slack: SlackConfig;
  cronofy: CronofyConfig;
  slackSimulator: SlackSimulator;
  cronofySimulator: CronofySimulator;
  /** The sandbox page's open long-polls; ended before Slotline's HTTP server stops. */
  liveUpdates: LiveUpdates;
  /** Points the Slack simulator at the running app once its port is known. */
  connectApp(eventsUrl: string): void;
  describe(): string[];
  stop(): Promise<void>;
}

export async function startSandbox(options: { config: Config; appPort: number; publicUrl: string; database: Db; cipher: TokenCipher; logger: Logger }): Promise<Sandbox> {
  const ports = options.config.sandbox ?? { slackPort: 0, cronofyPort: 0 };
  const signingSecret = randomBytes(16).toString('hex');
  const slackSimulator = await createSlackSimulator({ signingSecret, port: ports.slackPort, appName: 'Slotline' });
  const clientId = 'sandbox-client';
  const clientSecret = randomBytes(16).toString('hex');
  const cronofySimulator = await createCronofySimulator({ clientId, clientSecret, port: ports.cronofyPort });

  const team = slackSimulator.addWorkspace(DEMO_TEAM);
  for (const demo of DEMO_PEOPLE) {
    slackSimulator.addUser(team.teamId, { id: demo.slackId, name: demo.name, realName: demo.realName, email: demo.email, tz: demo.tz, isAdmin: demo.role === 'admin', isOwner: demo.role === 'admin' });
    cronofySimulator.addPerson({ email: demo.email, name: demo.realName, zone: demo.tz, calendar: demo.calendar, conferencingAccounts: demo.conferencingAccounts });
    for (const busy of demoBusyTimes(demo, new Date())) cronofySimulator.addBusy(demo.email, busy);
  }
  const liveUpdates = createLiveUpdates();

  return {
    slack: { mode: 'single-workspace', signingSecret, botToken: team.botToken, apiUrl: slackSimulator.apiUrl },
    cronofy: { clientId, clientSecret, dataCenter: 'us', apiUrl: cronofySimulator.apiUrl, siteUrl: cronofySimulator.siteUrl },
    slackSimulator,
    cronofySimulator,
    liveUpdates,
    connectApp: (eventsUrl) => slackSimulator.setAppUrl(eventsUrl),
    describe: () => [
      'Sandbox mode: no Slack or Cronofy credentials were set, so Slotline runs against its built-in simulators.',
      `  Slack simulator:   ${slackSimulator.url} (demo workspace "${DEMO_TEAM.name}")`,
      `  Cronofy simulator: ${cronofySimulator.url}`,
      `  Browser sandbox:   ${options.publicUrl}/sandbox (use Slotline as anyone in the demo company)`,
      `  Health:            ${options.publicUrl}/healthz`,
    ],
    async stop() {
      liveUpdates.endAll();
      await Promise.allSettled([slackSimulator.stop(), cronofySimulator.stop()]);
    },
  };
}
