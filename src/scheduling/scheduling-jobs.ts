// The scheduling job kinds: look for a join URL Cronofy did not report, and tell people about a change.
import type { AppContext } from '../app-context';
import { ANNOUNCE_JOB, announcePayloadSchema } from './announcements';
import { CONFERENCING_CHECK_JOB, conferencingCheckPayloadSchema } from './conferencing';

export function registerSchedulingJobs(ctx: AppContext): void {
  ctx.jobs.register({ kind: CONFERENCING_CHECK_JOB, schema: conferencingCheckPayloadSchema, handle: (payload) => ctx.scheduling.checkConferencing(payload) });
  ctx.jobs.register({ kind: ANNOUNCE_JOB, schema: announcePayloadSchema, handle: (payload) => ctx.scheduling.announce(payload) });
}
