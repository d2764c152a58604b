// The AppContext members scheduling works through, plus the reminder port.
import type { AppContext } from '../app-context';
import type { NudgePort } from './nudge-port';

export type SchedulingPorts = Pick<AppContext, 'db' | 'clock' | 'ids' | 'logger' | 'cronofy' | 'calendars' | 'slack' | 'jobs' | 'publicUrl'> & {
  /** Absent in set-ups without reminders: the modal then explains what to do without a Nudge button. */
  nudges?: NudgePort;
};

/** Ports read from the context on use, so the service can be built inside the context it belongs to. */
export function schedulingPortsOf(context: () => AppContext): SchedulingPorts {
  return {
    get db() {
      return context().db;
    },
    get clock() {
      return context().clock;
    },
    get ids() {
      return context().ids;
    },
    get logger() {
      return context().logger;
    },
    get cronofy() {
      return context().cronofy;
    },
    get calendars() {
      return context().calendars;
    },
    get slack() {
      return context().slack;
    },
    get jobs() {
      return context().jobs;
    },
    get publicUrl() {
      return context().publicUrl;
    },
    get nudges() {
      return context().campaigns;
    },
  };
}
