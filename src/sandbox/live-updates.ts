// The sandbox page's open long-polls. Slotline's HTTP server waits for open requests when it stops, so they are
// ended first instead of holding shutdown for their full wait.
export interface LiveUpdates {
  /** A signal that aborts when the poll must end early; call the returned function once the poll is answered. */
  open(): { signal: AbortSignal; done(): void };
  endAll(): void;
}

export function createLiveUpdates(): LiveUpdates {
  const open = new Set<AbortController>();
  let ended = false;
  return {
    open() {
      const controller = new AbortController();
      if (ended) controller.abort();
      else open.add(controller);
      return { signal: controller.signal, done: () => open.delete(controller) };
    },
    endAll() {
      ended = true;
      for (const controller of open) controller.abort();
      open.clear();
    },
  };
}
