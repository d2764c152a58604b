// POST /v1/batch: up to 50 API requests in one, answered 207 with each request's status and body.
import { z } from 'zod';
import { authenticate } from '../auth';
import { parseBody } from '../body';
import type { SimContext } from '../config';
import { jsonResponse, type SimRequest, type SimResponse } from '../http';
import type { Route, Router } from '../router';

const batchSchema = z.object({
  batch: z
    .array(
      z.object({
        method: z.enum(['GET', 'POST', 'DELETE']),
        relative_url: z.string().startsWith('/v1/'),
        data: z.unknown().optional(),
      }),
    )
    .min(1)
    .max(50),
});

export function batchRoutes(router: () => Router): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/v1/batch',
      handler: async (request: SimRequest, ctx: SimContext): Promise<SimResponse> => {
        authenticate(ctx, request);
        const body = parseBody(batchSchema, request);
        const results = [];
        for (const entry of body.batch) {
          const url = new URL(entry.relative_url, 'http://batch');
          const response = await router().dispatch(
            {
              method: entry.method,
              path: url.pathname,
              query: url.searchParams,
              headers: { authorization: request.headers.authorization, 'content-type': 'application/json' },
              rawBody: Buffer.from(entry.data === undefined ? '' : JSON.stringify(entry.data)),
              params: {},
            },
            ctx,
          );
          results.push({ status: response.status, ...(response.body ? { data: JSON.parse(response.body) } : {}) });
        }
        return jsonResponse(207, { batch: results });
      },
    },
  ];
}
