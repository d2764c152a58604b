// GET /l/:token: a Connect button's short link. Redeems it and sends the browser on to Cronofy.
import type { AppContext } from '../app-context';
import { toAppError } from '../errors';
import { startFromLink } from '../onboarding/connect-flow';
import { sendFailurePage } from '../onboarding/result-pages';
import { redirect, routeParam, type HttpRoute } from './route';

export function connectLinkRoute(ctx: AppContext): HttpRoute {
  return {
    path: '/l/:token',
    method: 'GET',
    handler: async (req, res) => {
      try {
        redirect(res, await startFromLink(ctx, routeParam(req, 'token') ?? ''));
      } catch (raw) {
        const error = toAppError(raw);
        ctx.logger[error.code === 'internal' ? 'error' : 'info']('connect link refused', { code: error.code, error: error.message });
        sendFailurePage(res, error, 'link');
      }
    },
  };
}
