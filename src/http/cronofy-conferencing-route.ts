// POST /cronofy/conferencing/:interviewId: the event subscription webhook (conferencing_assigned / conferencing_failing),
// accepted only with a valid HMAC over the raw bytes, parsed only after that.
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { readRawBody, routeParam, sendJson, type HttpRoute } from './route';

const HMAC_HEADER = 'cronofy-hmac-sha256';

export function cronofyConferencingRoute(ctx: AppContext): HttpRoute {
  return {
    path: '/cronofy/conferencing/:interviewId',
    method: 'POST',
    handler: async (req, res) => {
      const raw = await readRawBody(req);
      const header = req.headers[HMAC_HEADER];
      if (!ctx.cronofy.isValidHmac(raw, Array.isArray(header) ? header.join(',') : header)) {
        ctx.logger.warn('refused a conferencing webhook with a bad HMAC', { path: req.url?.split('?')[0] });
        sendJson(res, 401, { error: 'invalid_signature' });
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (error) {
        throw new AppError('bad_request', { message: 'conferencing webhook body is not JSON', userMessage: 'Body is not JSON.', cause: error, details: { status: 400 } });
      }
      await ctx.scheduling.handleConferencingWebhook(routeParam(req, 'interviewId') ?? '', body);
      sendJson(res, 200, { result: 'accepted' });
    },
  };
}
