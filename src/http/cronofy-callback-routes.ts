// GET /cronofy/callback/calendar and /cronofy/callback/conferencing: where Cronofy sends the browser back.
import type { AppContext } from '../app-context';
import { toAppError } from '../errors';
import { CALENDAR_CALLBACK_PATH, CONFERENCING_CALLBACK_PATH, finishCalendarAuthorization, finishConferencingAuthorization, type CallbackOutcome } from '../onboarding/connect-flow';
import { sendFailurePage, sendOutcomePage } from '../onboarding/result-pages';
import { requestUrl, type HttpRoute } from './route';

function callbackRoute(ctx: AppContext, path: string, finish: (ctx: AppContext, query: URLSearchParams) => Promise<CallbackOutcome>): HttpRoute {
  return {
    path,
    method: 'GET',
    handler: async (req, res) => {
      try {
        sendOutcomePage(res, await finish(ctx, requestUrl(req).searchParams));
      } catch (raw) {
        const error = toAppError(raw);
        ctx.logger[error.code === 'internal' ? 'error' : 'info']('Cronofy callback refused', { path, code: error.code, error: error.message });
        sendFailurePage(res, error, 'callback');
      }
    },
  };
}

export function cronofyCallbackRoutes(ctx: AppContext): HttpRoute[] {
  return [callbackRoute(ctx, CALENDAR_CALLBACK_PATH, finishCalendarAuthorization), callbackRoute(ctx, CONFERENCING_CALLBACK_PATH, finishConferencingAuthorization)];
}
