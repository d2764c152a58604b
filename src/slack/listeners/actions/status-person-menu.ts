// A person's row menu in the status list (Nudge now / Resync / Details), and the same buttons on a person's detail.
import { z } from 'zod';
import type { AppContext } from '../../../app-context';
import { personAction, type PersonVerb } from '../../../admin/admin-actions';
import { parseAdminAction, type AdminActionArgs } from './admin-action-payload';

const menuValueSchema = z.string().regex(/^(nudge|resync|detail):[UW][A-Z0-9]+$/);
const slackUserIdSchema = z.string().regex(/^[UW][A-Z0-9]+$/);

export function statusPersonMenu(ctx: AppContext) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const parsed = await parseAdminAction(ctx, args);
    const value = menuValueSchema.safeParse(parsed?.value);
    if (!parsed || !value.success) return;
    const [verb, slackUserId] = value.data.split(':') as [PersonVerb, string];
    await personAction(ctx, parsed.request, verb, slackUserId);
  };
}

export function statusPersonButton(ctx: AppContext, verb: PersonVerb) {
  return async (args: AdminActionArgs) => {
    await args.ack();
    const parsed = await parseAdminAction(ctx, args);
    const slackUserId = slackUserIdSchema.safeParse(parsed?.value);
    if (parsed && slackUserId.success) await personAction(ctx, parsed.request, verb, slackUserId.data);
  };
}
