// "Join video" opens the meeting URL in the browser; Slack still sends block_actions, which only need an ack.
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';

export async function interviewOpenLink({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack();
}
