// Every non-Slack HTTP route Slotline serves (Slack's own endpoints are Bolt's: /slack/events, /slack/install, /slack/oauth_redirect).
import type { AppContext } from '../app-context';
import { toAppError } from '../errors';
import { healthzRoute } from './healthz';
import { safeHandler, sendJson, type HttpRoute } from './route';
import { sendResultPage } from './result-page';

export function buildRoutes(ctx: AppContext, health: { ping(): Promise<void>; flavour: string; mode: string }): HttpRoute[] {
  const routes: HttpRoute[] = [healthzRoute(health)];
  return routes.map((route) => ({ ...route, handler: safeHandler((error, req, res) => answerFailure(ctx, error, req, res), route.handler) }));
}

function answerFailure(ctx: AppContext, raw: unknown, req: Parameters<HttpRoute['handler']>[0], res: Parameters<HttpRoute['handler']>[1]): void {
  const error = toAppError(raw);
  const status = typeof error.details?.status === 'number' ? error.details.status : error.code === 'internal' ? 500 : 400;
  ctx.logger.warn('http route failed', { path: req.url?.split('?')[0], code: error.code, error: error.message });
  if ((req.headers.accept ?? '').includes('text/html') || req.method === 'GET') {
    sendResultPage(res, status, { tone: 'error', title: 'Something went wrong', message: error.userMessage });
  } else {
    sendJson(res, status, { error: error.code, message: error.userMessage });
  }
}
