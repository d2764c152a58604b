// Bolt runs every registered listener's matching middleware on every request it receives, so thirty listeners
// cost every click thirty middleware chains before one of them answers. Each surface therefore registers one
// Bolt listener and finds its handler here: exact ids through a map, patterns in the order given.
export type Handler<Args> = (args: Args) => Promise<void>;
export type Route<Args> = readonly [id: string | RegExp, handler: Handler<Args>];

export function routeTable<Args>(routes: ReadonlyArray<Route<Args>>): (id: string) => Handler<Args> | undefined {
  const exact = new Map<string, Handler<Args>>();
  const patterns: Array<readonly [RegExp, Handler<Args>]> = [];
  for (const [id, handler] of routes) {
    if (typeof id !== 'string') patterns.push([id, handler]);
    else if (exact.has(id)) throw new Error(`two handlers for ${id}`);
    else exact.set(id, handler);
  }
  return (id) => exact.get(id) ?? patterns.find(([pattern]) => pattern.test(id))?.[1];
}

/** The one Bolt listener of a surface: finds the handler for the request's id and runs it (nothing for an unknown id). */
export function dispatchBy<Args>(idOf: (args: Args) => string, routes: ReadonlyArray<Route<Args>>): Handler<Args> {
  const handlerFor = routeTable(routes);
  return async (args) => {
    const handler = handlerFor(idOf(args));
    if (handler) await handler(args);
  };
}
