// app_home_opened: publish the person's checklist (and, for admins, the admin summary) on the Home tab.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../app-context';

const homeOpenedSchema = z.object({ user: z.string().min(1), tab: z.string().optional() });

export function appHomeOpened(ctx: AppContext) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    const parsed = homeOpenedSchema.safeParse(event);
    if (!parsed.success || parsed.data.tab === 'messages' || !context.workspace) return;
    await ctx.onboarding.openHome(context.workspace.id, parsed.data.user);
  };
}
