// Every non-Slack HTTP route Slotline serves (Slack's own endpoints are Bolt's: /slack/events, /slack/install, /slack/oauth_redirect).
import type { AppContext } from '../app-context';
import { enterpriseRoutes } from '../enterprise/enterprise-routes';
import { toAppError } from '../errors';
import { connectLinkRoute } from './connect-link-route';
import { cronofyCallbackRoutes } from './cronofy-callback-routes';
import { cronofyConferencingRoute } from './cronofy-conferencing-route';
import { cronofyPushRoute } from './cronofy-push-route';
import { healthzRoute } from './healthz';
import { safeHandler, sendJson, type HttpRoute } from './route';
import { sendResultPage } from './result-page';
import { sandboxRoutes } from '../sandbox/sandbox-routes';
import type { Sandbox } from '../sandbox/start-sandbox';

/** `sandbox` only in sandbox mode: it adds the browser sandbox at /sandbox. */
export function buildRoutes(ctx: AppContext, health: { ping(): Promise<void>; flavour: string; mode: string }, sandbox?: Sandbox): HttpRoute[] {
  const routes: HttpRoute[] = [healthzRoute(health), connectLinkRoute(ctx), ...cronofyCallbackRoutes(ctx), cronofyPushRoute(ctx), cronofyConferencingRoute(ctx), ...enterpriseRoutes(ctx)];
  if (sandbox) routes.push(...sandboxRoutes(sandbox, ctx.logger));
  return routes.map((route) => ({ ...route, handler: safeHandler((error, req, res) => answerFailure(ctx, route.path, error, req, res), route.handler) }));
}

function answerFailure(ctx: AppContext, route: string, raw: unknown, req: Parameters<HttpRoute['handler']>[0], res: Parameters<HttpRoute['handler']>[1]): void {
  const error = toAppError(raw);
  const status = typeof error.details?.status === 'number' ? error.details.status : error.code === 'internal' ? 500 : 400;
  // The route's pattern, not the path: paths carry secrets (link tokens, Enterprise Connect callback tokens).
  ctx.logger.warn('http route failed', { route, code: error.code, error: error.message });
  // The rest of a refused body is being discarded (readRawBody): close afterwards rather than drain it for ever.
  if (status === 413) res.setHeader('Connection', 'close');
  if ((req.headers.accept ?? '').includes('text/html') || req.method === 'GET') {
    sendResultPage(res, status, { tone: 'error', title: 'Something went wrong', message: error.userMessage });
  } else {
    sendJson(res, status, { error: error.code, message: error.userMessage });
  }
}
