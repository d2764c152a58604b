// In-process domain events, so one feature can react to another's state change without importing it.
export interface DomainEvents {
  calendar_disconnected: { employeeId: string; reason: string };
  readiness_changed: { employeeId: string };
  /** A new member joined the roster (roster sync or team_join); reactivations are not joins. */
  employee_joined: { employeeId: string; workspaceId: string };
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
