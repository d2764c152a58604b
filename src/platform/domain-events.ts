// In-process domain events, so one feature can react to another's state change without importing it.
export interface DomainEvents {
  calendar_disconnected: { employeeId: string; reason: string };
  readiness_changed: { employeeId: string };
  /**
   * New members joined the roster (roster sync or team_join); reactivations are not joins. One event per users.list
   * page, so a first import of a large workspace costs its listeners a few queries per page, not per person.
   */
  employees_joined: { workspaceId: string; employeeIds: string[] };
}

type Handler<T> = (payload: T) => Promise<void> | void;

export interface DomainEventBus {
  on<K extends keyof DomainEvents>(name: K, handler: Handler<DomainEvents[K]>): void;
  /** Runs every handler; a failing handler is reported, never thrown to the publisher. */
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): Promise<void>;
}

export function createDomainEventBus(onHandlerError: (name: string, error: unknown) => void): DomainEventBus {
  const handlers = new Map<string, Array<Handler<never>>>();
  return {
    on(name, handler) {
      handlers.set(name, [...(handlers.get(name) ?? []), handler as Handler<never>]);
    },
    async emit(name, payload) {
      for (const handler of handlers.get(name) ?? []) {
        try {
          await (handler as Handler<typeof payload>)(payload);
        } catch (error) {
          onHandlerError(name, error);
        }
      }
    },
  };
}
