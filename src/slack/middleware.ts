// Global Bolt middleware: attach the workspace to the context (noting a reinstall), and process each Events API
// event once.
import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context';
import type { Workspace } from '../workspaces/workspace-service';

declare module '@slack/bolt' {
  interface Context {
    workspace?: Workspace;
  }
}

/** The two events Slack sends about an app it no longer lets in: they never count as the workspace being back. */
function isRemoval(body: unknown): boolean {
  const event = (body as { event?: { type?: unknown } } | null)?.event;
  return event?.type === 'app_uninstalled' || event?.type === 'tokens_revoked';
}

function eventId(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const envelope = body as { type?: unknown; event_id?: unknown };
  return envelope.type === 'event_callback' && typeof envelope.event_id === 'string' ? envelope.event_id : undefined;
}

/** True the first time an event id is seen (across replicas: the primary key decides). */
async function claimEvent(ctx: AppContext, id: string): Promise<boolean> {
  try {
    await ctx.db.processedSlackEvent.create({ data: { eventId: id } });
    return true;
  } catch {
    return false;
  }
}

export function registerMiddleware(app: App, ctx: AppContext): void {
  app.error(async (error) => {
    const original = (error as { original?: unknown }).original ?? error;
    ctx.logger.error('unhandled error in a Slack listener', { code: (error as { code?: string }).code, error: original instanceof Error ? original.message : String(original) });
  });
  app.use(async ({ body, context, next }) => {
    const id = eventId(body);
    if (id && !(await claimEvent(ctx, id))) {
      ctx.logger.info('skipped an event already processed', { eventId: id, retryNum: context.retryNum });
      return;
    }
    if (context.teamId) {
      let workspace = await ctx.workspaces.forRequest(context.teamId);
      // Slack sends requests only for a workspace the app is in: one after an uninstall means it was reinstalled.
      if (workspace.uninstalledAt && !isRemoval(body)) workspace = await ctx.workspaces.markInstalled(workspace);
      context.workspace = workspace;
    }
    await next();
  });
}
