// A reminder campaign to 10,000 employees against the Slack simulator enforcing Slack's rate limits (multiplied by
// `scale` to keep the run short): wall time against the least time those limits allow, duplicates and losses.
import { startAppProcess, type Scratch } from './support/app-host';
import type { CampaignState } from './support/app-ops';
import { until } from './support/stats';
import { ADMIN, createWorld, TEAM } from './support/world';

/** Slack's workspace-wide chat.postMessage budget as the simulator models it (src/simulators/slack/web-api/method-tiers.ts). */
const POST_MESSAGE_PER_MINUTE = 300;
const POST_MESSAGE_BURST = 300;

export interface CampaignResult {
  employees: number;
  scale: number;
  wallMs: number;
  /** (employees − burst) / rate under the scaled limits: no sender can be faster. */
  minimumMs: number;
  duplicates: number;
  lost: number;
  rateLimited: number;
}

export async function benchCampaign(scratch: Scratch, options: { employees: number; scale: number; log(line: string): void }): Promise<CampaignResult> {
  const { employees, scale } = options;
  const world = await createWorld({ members: employees, slackRateLimitScale: scale });
  const slotline = await startAppProcess({ kind: 'slotline', env: world.env(scratch.freshDatabase('campaign'), scratch.dir) });
  try {
    world.slack.setAppUrl(`${slotline.url}/slack/events`);
    await until('the roster import', async () => (await slotline.call<number>('employee-count')) === employees + 1, 600_000, 250);
    options.log(`campaign: ${employees} employees imported`);

    const started = Date.now();
    const command = await world.slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'nudge' });
    if (command.status !== 200) throw new Error(`/integrations nudge answered ${command.status}`);
    const done = await until(
      'the first wave',
      async () => {
        const state = await slotline.call<CampaignState | null>('campaign');
        return state && !state.statuses.scheduled && !state.statuses.sending ? state : null;
      },
      1_800_000,
      500,
    );
    const reminders = world.slack.apiCalls('chat.postMessage').filter((call) => call.status === 200 && !call.error && String(call.args.text).includes(':bell:'));
    const perPerson = new Map<string, number>();
    for (const call of reminders) perPerson.set(String(call.args.channel), (perPerson.get(String(call.args.channel)) ?? 0) + 1);
    const lastAt = Math.max(...reminders.map((call) => call.at));
    const rate = (POST_MESSAGE_PER_MINUTE * scale) / 60_000;
    return {
      employees: done.total,
      scale,
      wallMs: lastAt - started,
      minimumMs: Math.max(0, done.total - POST_MESSAGE_BURST * scale) / rate,
      duplicates: [...perPerson.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
      lost: done.total - perPerson.size,
      rateLimited: world.slack.rateLimitHits().length,
    };
  } finally {
    await slotline.stop();
    await world.stop();
  }
}
