// Enterprise Connect's durable job kinds (registered in enterprise-service.ts).
export const SEND_BATCH_JOB = 'enterprise.send_batch';
export const EXCHANGE_JOB = 'enterprise.exchange_code';
export const EXPIRE_JOB = 'enterprise.expire_requests';
export const PLAN_RUN_JOB = 'enterprise.plan_run';
export const PROGRESS_JOB = 'enterprise.run_progress';
export const JOINERS_JOB = 'enterprise.request_joiners';

/** At most one code exchange per request, however often Cronofy delivers its callback. */
export function exchangeJobKey(authorizationId: string): string {
  return `${EXCHANGE_JOB}:${authorizationId}`;
}
