// The scheduling job kinds: look for a join URL Cronofy did not report, tell people about a change, and settle
// calendar work a crash interrupted.
import type { AppContext } from '../app-context';
import { ANNOUNCE_JOB, announcePayloadSchema } from './announcements';
import { CONFERENCING_CHECK_JOB, conferencingCheckPayloadSchema } from './conferencing';
import { RECOVER_INTERRUPTED_JOB, recoverPayloadSchema } from './interrupted-work';

export function registerSchedulingJobs(ctx: AppContext): void {
  ctx.jobs.register({ kind: CONFERENCING_CHECK_JOB, schema: conferencingCheckPayloadSchema, handle: (payload) => ctx.scheduling.checkConferencing(payload) });
  ctx.jobs.register({ kind: ANNOUNCE_JOB, schema: announcePayloadSchema, handle: (payload) => ctx.scheduling.announce(payload) });
  ctx.jobs.register({ kind: RECOVER_INTERRUPTED_JOB, schema: recoverPayloadSchema, handle: (payload, job) => ctx.scheduling.recoverInterruptedWork(payload, job) });
}
