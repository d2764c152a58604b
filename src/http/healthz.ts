// GET /healthz: 200 when the database answers, 503 otherwise.
import type { HttpRoute } from './route';
import { sendJson } from './route';

export function healthzRoute(deps: { ping(): Promise<void>; flavour: string; mode: string }): HttpRoute {
  return {
    path: '/healthz',
    method: 'GET',
    handler: async (_req, res) => {
      try {
        await deps.ping();
        sendJson(res, 200, { status: 'ok', database: { flavour: deps.flavour, reachable: true }, mode: deps.mode });
      } catch {
        sendJson(res, 503, { status: 'unavailable', database: { flavour: deps.flavour, reachable: false }, mode: deps.mode });
      }
    },
  };
}
