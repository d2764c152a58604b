// Registers every background job kind with the queue.
import type { AppContext } from '../app-context';
import { csvExportJob } from '../admin/csv-export';
import { registerConnectionJobs } from '../connections/connection-jobs';
import { registerReconcileJob } from '../employees/reconcile-job';
import { registerHousekeepingJob } from '../housekeeping/housekeeping-job';
import { registerRevokeAuthorizationJob } from '../employees/revoke-authorization';
import { registerOnboardingJobs } from '../onboarding/onboarding-jobs';
import { registerReminderJobs } from '../reminders/reminder-jobs';
import { registerSchedulingJobs } from '../scheduling/scheduling-jobs';

export function registerJobs(ctx: AppContext): void {
  registerConnectionJobs(ctx);
  registerRevokeAuthorizationJob(ctx);
  registerReconcileJob(ctx);
  registerOnboardingJobs(ctx);
  registerReminderJobs(ctx);
  registerSchedulingJobs(ctx);
  registerHousekeepingJob(ctx);
  ctx.jobs.register(csvExportJob(ctx));
  ctx.enterprise.registerJobs();
}
