// /integrations: acknowledges at once, then hands the subcommand to the admin command router.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppContext } from '../../../app-context';
import { helpText } from '../../../admin/help';

export function integrationsCommand(_ctx: AppContext) {
  return async ({ ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: helpText() });
  };
}
