// Connect / Relink / Sync buttons open a URL; Slack still sends block_actions for them, which only need an ack.
import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';

export async function checklistLinkClicked({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> {
  await ack();
}
