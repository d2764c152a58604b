// Background work (conferencing provisioning, callbacks, push notifications) that tests can wait
// for with `whenIdle()` and that `stop()` cancels.

export interface TaskRunner {
  later(delayMs: number, work: () => void | Promise<void>): void;
  /** Resolves once nothing is scheduled or running; rejects with the first error a task threw. */
  whenIdle(): Promise<void>;
  stop(): void;
  readonly signal: AbortSignal;
}

export function createTaskRunner(): TaskRunner {
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const controller = new AbortController();
  let idleWaiters: Array<() => void> = [];

  const isIdle = () => timers.size === 0 && running.size === 0;

  function wakeWaitersIfIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const wake of waiters) wake();
  }

  function later(delayMs: number, work: () => void | Promise<void>): void {
    if (controller.signal.aborted) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run: Promise<void> = Promise.resolve()
        .then(work)
        .catch((error: unknown) => {
          if (!controller.signal.aborted) failures.push(error);
        })
        .finally(() => {
          running.delete(run);
          wakeWaitersIfIdle();
        });
      running.add(run);
    }, delayMs);
    timers.add(timer);
  }

  async function whenIdle(): Promise<void> {
    while (!isIdle()) {
      await new Promise<void>((resolve) => idleWaiters.push(resolve));
    }
    if (failures.length > 0) throw failures.splice(0)[0];
  }

  function stop(): void {
    controller.abort();
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    wakeWaitersIfIdle();
  }

  return { later, whenIdle, stop, signal: controller.signal };
}
