// POST /cronofy/push/:connectionId: Cronofy push notifications, accepted only with a valid HMAC over the raw bytes.
import type { AppContext } from '../app-context';
import { acceptPushNotification } from '../connections/push-notification';
import { readRawBody, routeParam, sendJson, type HttpRoute } from './route';

export const CRONOFY_HMAC_HEADER = 'cronofy-hmac-sha256';

export function cronofyPushRoute(ctx: AppContext): HttpRoute {
  return {
    path: '/cronofy/push/:connectionId',
    method: 'POST',
    handler: async (req, res) => {
      const raw = await readRawBody(req);
      const header = req.headers[CRONOFY_HMAC_HEADER];
      if (!ctx.cronofy.isValidHmac(raw, Array.isArray(header) ? header.join(',') : header)) {
        ctx.logger.warn('refused a push notification with a bad HMAC', { path: req.url?.split('?')[0] });
        sendJson(res, 401, { error: 'invalid_signature' });
        return;
      }
      const outcome = await acceptPushNotification(ctx, routeParam(req, 'connectionId') ?? '', raw);
      sendJson(res, outcome.status, { result: outcome.result });
    },
  };
}
