// ctx.enterprise: Enterprise Connect for one Slotline process — link, status, syncs, one person's "Sync
// calendar", retries, unlink, and who it covers. The HTTP routes and jobs call in here too.
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import { acceptAuthorizationCallback, type CallbackAnswer } from './authorization-callback';
import { recordEnterpriseAudit } from './audit';
import { findActiveLink, findLiveLink, isOnDomain } from './coverage';
import { countLinkRequests, NO_COUNTS } from './enterprise-counts';
import type { FailureView, StatusView } from './enterprise-blocks';
import { exchangeCode, exchangeSchema } from './exchange-code';
import { EXCHANGE_JOB, EXPIRE_JOB, JOINERS_JOB, PLAN_RUN_JOB, PROGRESS_JOB, SEND_BATCH_JOB } from './job-kinds';
import { finishLink, openLink, startLink, unlink, type LinkOutcome } from './link-flow';
import { DEFAULT_PACING, type EnterprisePacing } from './pacing';
import { claimRequests, planCandidates, scheduleBatches } from './plan-requests';
import type { EnterpriseRuntime } from './runtime';
import { expireRequests, expireSchema, sendBatch, sendBatchSchema } from './send-batch';
import { createServiceAccountCredentials } from './service-account-credentials';
import { currentRun, planRun, planRunSchema, progressSchema, progressTick, startRun, type RunStart } from './sync-runs';

/** Joiners arriving within this window (a roster sync, a batch of invites) share one request. */
export const JOINERS_WINDOW_MS = 5_000;

export type EnterpriseStatus = StatusView;
export type EnterpriseFailure = FailureView & { realName: string };
export type PersonRequestOutcome = 'requested' | 'in_progress' | 'already_connected';

export interface EnterpriseService {
  /** A signed, single-use link (30 minutes) to Cronofy's Enterprise Connect page for an admin. */
  startLink(workspaceId: string, adminSlackUserId: string, provider?: string): Promise<{ url: string; expiresAt: Date }>;
  status(workspaceId: string): Promise<EnterpriseStatus>;
  /** People whose latest request failed, newest first. */
  failures(workspaceId: string, limit?: number): Promise<EnterpriseFailure[]>;
  /** Requests everyone covered who is not connected (failed people excepted: see retryFailed), with live progress in the admin's DM. */
  syncAll(workspaceId: string, bySlackUserId?: string): Promise<RunStart>;
  retryFailed(workspaceId: string, bySlackUserId?: string): Promise<RunStart>;
  /** The person's own "Sync calendar" click: one request, as soon as the pacing allows (at once when no sync is under way). */
  requestFor(employeeId: string): Promise<PersonRequestOutcome>;
  retryOne(employeeId: string, bySlackUserId?: string): Promise<PersonRequestOutcome>;
  /** Revokes the service account and clears its tokens; calendars already connected stay connected. */
  unlink(workspaceId: string, bySlackUserId: string): Promise<{ domain: string | null }>;
  /** Linked, and the person's email is on the linked domain. */
  covers(employee: { workspaceId: string; email: string | null; deactivatedAt?: Date | null }): Promise<boolean>;

  /** HTTP: GET /enterprise/link/:token → Cronofy URL. */
  openLink(token: string): Promise<string>;
  /** HTTP: GET /cronofy/callback/enterprise. */
  finishLink(query: URLSearchParams): Promise<LinkOutcome>;
  /** HTTP: POST /cronofy/ec/:token. */
  acceptCallback(token: string, rawBody: Buffer, hmacHeader: string | undefined): Promise<CallbackAnswer>;
  /** Registers the job kinds and the new-joiner subscription (once, from src/jobs/register-jobs.ts). */
  registerJobs(): void;
}

const joinersSchema = z.object({ linkId: z.string().min(1) });

export function createEnterpriseService(context: () => AppContext, options: { pacing?: Partial<EnterprisePacing> } = {}): EnterpriseService {
  const pacing: EnterprisePacing = { ...DEFAULT_PACING, ...options.pacing };
  let runtime: EnterpriseRuntime | undefined;
  // Built on first use: the context is assembled after its services.
  const rt = (): EnterpriseRuntime => {
    if (!runtime) {
      const ctx = context();
      runtime = { ctx, pacing, serviceAccounts: createServiceAccountCredentials({ db: ctx.db, cipher: ctx.cipher, cronofy: ctx.cronofy, clock: ctx.clock, logger: ctx.logger }) };
    }
    return runtime;
  };

  async function requireActiveLink(workspaceId: string) {
    const link = await findActiveLink(rt().ctx.db, workspaceId);
    if (link) return link;
    const live = await findLiveLink(rt().ctx.db, workspaceId);
    throw new AppError('not_found', {
      message: `no active Enterprise Connect link (${live ? live.state : 'none'})`,
      userMessage: live ? 'Enterprise Connect stopped working: link it again first.' : 'Enterprise Connect is not linked yet.',
    });
  }

  async function requestFor(employeeId: string): Promise<PersonRequestOutcome> {
    const { db } = rt().ctx;
    const employee = await db.employee.findUnique({ where: { id: employeeId }, include: { calendar: true } });
    if (!employee || employee.deactivatedAt) throw new AppError('not_found', { message: 'sync requested for an unknown or inactive employee', userMessage: 'Slotline does not know this person as an active member of the workspace.' });
    const link = await findActiveLink(db, employee.workspaceId);
    if (!link || !isOnDomain(employee.email, link.domain)) {
      throw new AppError('not_permitted', {
        message: 'sync requested for someone Enterprise Connect does not cover',
        userMessage: link
          ? `Enterprise Connect covers ${link.domain} email addresses only. Connect your calendar with the Connect buttons in Slotline's message instead.`
          : "Your company's Enterprise Connect link is not active. Connect your calendar with the Connect buttons in Slotline's message instead.",
      });
    }
    if (employee.calendar?.state === 'connected') return 'already_connected';
    const claimed = await claimRequests(rt(), link, [employeeId], null);
    if (claimed.length === 0) return 'in_progress';
    await scheduleBatches(rt(), link, claimed);
    return 'requested';
  }

  return {
    startLink: (workspaceId, adminSlackUserId, provider) => startLink(rt(), workspaceId, adminSlackUserId, provider),
    openLink: (token) => openLink(rt(), token),
    finishLink: (query) => finishLink(rt(), query),
    unlink: (workspaceId, bySlackUserId) => unlink(rt(), workspaceId, bySlackUserId),
    acceptCallback: (token, rawBody, header) => acceptAuthorizationCallback(rt(), token, rawBody, header),

    async status(workspaceId) {
      const { db } = rt().ctx;
      const link = await findLiveLink(db, workspaceId);
      if (!link) return { state: 'not_linked', domain: null, provider: null, linkedAt: null, linkedBySlackUserId: null, reason: null, counts: NO_COUNTS, run: null };
      const counts = await countLinkRequests(db, link.id);
      const run = await currentRun(rt(), workspaceId);
      return {
        state: link.state,
        domain: link.domain,
        provider: link.providerName,
        linkedAt: link.linkedAt,
        linkedBySlackUserId: link.linkedBySlackUserId,
        reason: link.reason,
        counts,
        run: run ? { kind: run.kind, done: run.done, total: run.total, failed: run.failed } : null,
      };
    },

    async failures(workspaceId, limit = 10) {
      const { db } = rt().ctx;
      const link = await findLiveLink(db, workspaceId);
      if (!link) return [];
      const rows = await db.serviceAccountAuthorization.findMany({
        where: { linkId: link.id, current: true, state: 'failed' },
        include: { employee: { select: { slackUserId: true, realName: true } } },
        orderBy: { completedAt: 'desc' },
        take: limit,
      });
      return rows.map((row) => ({ employeeId: row.employeeId, slackUserId: row.employee.slackUserId, realName: row.employee.realName, errorKey: row.errorKey, errorDescription: row.errorDescription }));
    },

    async syncAll(workspaceId, bySlackUserId) {
      const link = await requireActiveLink(workspaceId);
      await recordEnterpriseAudit(rt().ctx, { workspaceId, actorSlackUserId: bySlackUserId ?? null, action: 'enterprise_sync_all', target: link.domain });
      return startRun(rt(), link.id, 'sync_all', bySlackUserId ?? null);
    },

    async retryFailed(workspaceId, bySlackUserId) {
      const link = await requireActiveLink(workspaceId);
      await recordEnterpriseAudit(rt().ctx, { workspaceId, actorSlackUserId: bySlackUserId ?? null, action: 'enterprise_retry_failed', target: link.domain });
      return startRun(rt(), link.id, 'retry_failed', bySlackUserId ?? null);
    },

    requestFor,

    async retryOne(employeeId, bySlackUserId) {
      const outcome = await requestFor(employeeId);
      const employee = await rt().ctx.db.employee.findUniqueOrThrow({ where: { id: employeeId }, select: { workspaceId: true, slackUserId: true } });
      await recordEnterpriseAudit(rt().ctx, { workspaceId: employee.workspaceId, actorSlackUserId: bySlackUserId ?? null, action: 'enterprise_retry_one', target: employee.slackUserId, detail: { outcome } });
      return outcome;
    },

    async covers(employee) {
      if (employee.deactivatedAt || !employee.email) return false;
      const link = await findActiveLink(rt().ctx.db, employee.workspaceId);
      return Boolean(link && isOnDomain(employee.email, link.domain));
    },

    registerJobs() {
      const { ctx } = rt();
      ctx.jobs.register({ kind: SEND_BATCH_JOB, schema: sendBatchSchema, handle: (payload, job) => sendBatch(rt(), payload, job) });
      ctx.jobs.register({ kind: EXCHANGE_JOB, schema: exchangeSchema, handle: (payload, job) => exchangeCode(rt(), payload, job) });
      ctx.jobs.register({ kind: EXPIRE_JOB, schema: expireSchema, handle: ({ authorizationIds }) => expireRequests(rt(), authorizationIds) });
      ctx.jobs.register({ kind: PLAN_RUN_JOB, schema: planRunSchema, handle: ({ runId }) => planRun(rt(), runId) });
      ctx.jobs.register({ kind: PROGRESS_JOB, schema: progressSchema, handle: ({ runId, tick, final }) => progressTick(rt(), runId, tick, final) });
      ctx.jobs.register({
        kind: JOINERS_JOB,
        schema: joinersSchema,
        async handle({ linkId }, job) {
          const link = await ctx.db.enterpriseConnectLink.findUnique({ where: { id: linkId } });
          if (link?.state !== 'active') return;
          if (job.attempts > 1) {
            // A cut-off earlier attempt may have claimed joiners without queueing their batch (see planRun).
            const claimedBefore = await ctx.db.serviceAccountAuthorization.findMany({ where: { linkId, runId: null, state: 'queued' }, select: { id: true }, orderBy: { id: 'asc' } });
            if (claimedBefore.length > 0) await scheduleBatches(rt(), link, claimedBefore.map((row) => row.id));
          }
          await planCandidates(rt(), link, 'new', null);
        },
      });
      // New joiners on the linked domain are requested automatically, a few seconds' worth at a time.
      ctx.events.on('employees_joined', async ({ workspaceId, employeeIds }) => {
        const link = await findActiveLink(ctx.db, workspaceId);
        if (!link || employeeIds.length === 0) return;
        const joiners = await ctx.db.employee.findMany({ where: { id: { in: employeeIds }, deactivatedAt: null }, select: { email: true } });
        if (!joiners.some((employee) => isOnDomain(employee.email, link.domain))) return;
        const windowEnd = Math.ceil((ctx.clock.now().getTime() + 1) / JOINERS_WINDOW_MS) * JOINERS_WINDOW_MS;
        await ctx.jobs.enqueue(JOINERS_JOB, { linkId: link.id }, { runAt: new Date(windowEnd), uniqueKey: `${JOINERS_JOB}:${link.id}:${windowEnd}` });
      });
    },
  };
}
