// GET /_sim/state: people, accounts, calendars and events (with join URLs) for the browser sandbox.
import { jsonResponse } from '../http';
import type { Route } from '../router';
import { simulatorState } from '../snapshots';

export const simStateRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/_sim/state',
    handler: (_request, ctx) => jsonResponse(200, simulatorState(ctx), { 'Access-Control-Allow-Origin': '*' }),
  },
];
