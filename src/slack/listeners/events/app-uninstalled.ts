// app_uninstalled and tokens_revoked: Slack says Slotline's tokens for the workspace are dead (see uninstall.ts).
// Bolt skips authorization for these two events, so they arrive even though no token works any more.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { AppContext } from '../../../app-context';
import { recordUninstall } from '../../../workspaces/uninstall';

/** Only a revoked bot token ends Slotline's work; Slotline holds no user tokens. */
const revokedSchema = z.object({ tokens: z.object({ bot: z.array(z.string()).optional() }).optional() });

export function appUninstalled(ctx: AppContext) {
  return async ({ event, context }: SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs) => {
    const teamId = context.teamId;
    if (!teamId) return;
    if (event.type === 'tokens_revoked' && !(revokedSchema.safeParse(event).data?.tokens?.bot?.length ?? 0)) return;
    await recordUninstall(ctx, teamId, event.type);
  };
}
