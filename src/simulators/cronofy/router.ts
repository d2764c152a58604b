// Matches method + path patterns such as `/v1/calendars/:calendarId/events` to handlers.
import type { SimContext } from './config';
import { notFound } from './errors';
import { HttpFailure, type SimRequest, type SimResponse } from './http';

export type Handler = (request: SimRequest, ctx: SimContext) => SimResponse | Promise<SimResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: string;
  handler: Handler;
}

interface CompiledRoute extends Route {
  regex: RegExp;
  names: string[];
}

export interface Router {
  dispatch(request: SimRequest, ctx: SimContext): Promise<SimResponse>;
}

export function createRouter(routes: Route[]): Router {
  const compiled = routes.map(compile);

  async function dispatch(request: SimRequest, ctx: SimContext): Promise<SimResponse> {
    try {
      for (const route of compiled) {
        const match = route.method === request.method ? route.regex.exec(request.path) : null;
        if (!match) continue;
        const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
        return await route.handler({ ...request, params }, ctx);
      }
      throw notFound();
    } catch (error) {
      if (error instanceof HttpFailure) return error.response;
      throw error;
    }
  }

  return { dispatch };
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { ...route, regex: new RegExp(`^${source}$`), names };
}
