// When someone leaves the workspace: revoke Slotline's Cronofy authorization for them and delete their tokens.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';

export const REVOKE_AUTHORIZATION_JOB = 'employees.revoke_authorization';

type Ports = Pick<AppContext, 'db' | 'cipher' | 'cronofy' | 'clock'>;

/** Idempotent: a second run finds no tokens and changes nothing; someone reactivated meanwhile is left alone. */
export async function revokeEmployeeAuthorization(ports: Ports, employeeId: string): Promise<'revoked' | 'nothing_to_revoke' | 'still_active'> {
  const { db, cipher, cronofy, clock } = ports;
  const employee = await db.employee.findUnique({ where: { id: employeeId }, include: { calendar: true } });
  if (!employee) return 'nothing_to_revoke';
  if (!employee.deactivatedAt) return 'still_active';
  const connection = employee.calendar;
  if (!connection || (!connection.accessTokenEnc && !connection.refreshTokenEnc)) return 'nothing_to_revoke';
  const token = connection.refreshTokenEnc ?? connection.accessTokenEnc;
  try {
    // By account id when known: it needs no token and ends every grant the account gave Slotline.
    await cronofy.revoke(connection.cronofyAccountId ? { sub: connection.cronofyAccountId } : { token: cipher.decrypt(token as string) });
  } catch (error) {
    // Already revoked or unknown at Cronofy: the goal is reached. Anything else is retried by the job queue.
    if (!(error instanceof AppError && (error.code === 'cronofy_invalid_grant' || error.code === 'cronofy_unauthorized'))) throw error;
  }
  const now = clock.now();
  await db.calendarConnection.update({
    where: { employeeId },
    data: { accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null, pushChannelId: null, state: 'disconnected', reason: 'employee_deactivated', disconnectedAt: now, lastCheckedAt: now },
  });
  await db.conferencingConnection.updateMany({ where: { employeeId, state: 'connected' }, data: { state: 'disconnected', reason: 'employee_deactivated', lastCheckedAt: now } });
  return 'revoked';
}

export function registerRevokeAuthorizationJob(ctx: AppContext): void {
  ctx.jobs.register({
    kind: REVOKE_AUTHORIZATION_JOB,
    schema: z.object({ employeeId: z.string().min(1) }),
    async handle({ employeeId }) {
      const outcome = await revokeEmployeeAuthorization(ctx, employeeId);
      if (outcome === 'revoked') ctx.logger.info('revoked the Cronofy authorization of a deactivated employee', { employeeId });
    },
  });
}

/** What the roster calls for each person who leaves: durable, retried, once per person at a time. */
export function scheduleRevocation(ctx: Pick<AppContext, 'jobs'>, employeeId: string): Promise<void> {
  return ctx.jobs.enqueue(REVOKE_AUTHORIZATION_JOB, { employeeId }, { uniqueKey: `${REVOKE_AUTHORIZATION_JOB}:${employeeId}` }).then(() => undefined);
}
