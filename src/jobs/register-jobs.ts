// Registers every background job kind with the queue.
import type { AppContext } from '../app-context';

export function registerJobs(_ctx: AppContext): void {}
