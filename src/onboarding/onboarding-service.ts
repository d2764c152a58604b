// Keeps each person's one checklist DM and their App Home tab in step with their connection state.
import type { types } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { adminHomeBlocks } from '../admin/admin-home';
import type { AppContext } from '../app-context';
import { checkConnection } from '../connections/check-connection';
import { AppError, toAppError } from '../errors';
import { loadEmployeeReadiness } from '../readiness/load-readiness';
import type { Readiness } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';
import { decideCalendarAction } from './calendar-action';
import { checklistText, renderChecklist, supersededBlocks } from './checklist-blocks';
import { issueChecklistLinks } from './checklist-links';
import { connectionLostNotice } from './notices';
import { UPDATE_JOB } from './onboarding-jobs';
import { MESSAGE_GONE, describeSlackError, slackPlatformError } from './slack-errors';

type KnownBlock = types.KnownBlock;
export type ChecklistMetadata = types.MessageMetadata;

const HOME_BLOCK_LIMIT = 100;

export interface OnboardingService {
  /** Posts the person's one checklist DM, or updates it in place (chat.update); keeps Employee.dmChannelId/dmTs. */
  sendChecklist(employeeId: string, options?: { notice?: string }): Promise<void>;
  /**
   * Posts the checklist as a new DM (so it notifies) and retires the previous one; reminders and relink notices use it.
   * `metadata` rides along on the message (reminders find their own DM again by it). `known`: the workspace and
   * readiness the caller read moments ago (a reminder sender), so they are not read again.
   */
  repostChecklist(employeeId: string, notice: string, options?: { metadata?: ChecklistMetadata; known?: KnownState }): Promise<{ channel: string; ts: string }>;
  /**
   * A checklist DM that was posted but never recorded (the process died in between): the newer of it and the
   * recorded one becomes the person's checklist, and the other is retired.
   */
  adoptChecklist(employeeId: string, posted: { channel: string; ts: string }): Promise<void>;
  publishHome(employeeId: string): Promise<void>;
  /** Re-reads the person's state from Cronofy, then updates the DM and the Home tab. */
  refresh(employeeId: string): Promise<void>;
  checklistBlocks(employeeId: string, surface?: 'dm' | 'home'): Promise<KnownBlock[]>;
  /** "I don't host interviews" (false) stops reminders; "I do host interviews again" (true) resumes them. */
  setHostsInterviews(employeeId: string, hosts: boolean): Promise<void>;
  /** app_home_opened: publishes the tab, adding the person to the roster first if Slotline has not seen them yet. */
  openHome(workspaceId: string, slackUserId: string): Promise<void>;
  findEmployeeId(workspaceId: string, slackUserId: string): Promise<string | null>;
  /** Tells the person once per disconnection, with a relink button, that their calendar disconnected. */
  notifyConnectionLost(employeeId: string): Promise<void>;
  /** Durable "update the DM and Home tab soon" (after callbacks and link clicks). */
  scheduleUpdate(employeeId: string): Promise<void>;
}

export interface KnownState {
  workspace: Workspace;
  readiness: Readiness;
}

export function createOnboardingService(context: () => AppContext): OnboardingService {
  const chains = new Map<string, Promise<unknown>>();

  /** One checklist change per person at a time in this process, so two updates never race to post a first DM. */
  function serial<T>(employeeId: string, work: () => Promise<T>): Promise<T> {
    const previous = chains.get(employeeId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    const settled = next.catch(() => undefined);
    chains.set(employeeId, settled);
    void settled.then(() => {
      if (chains.get(employeeId) === settled) chains.delete(employeeId);
    });
    return next;
  }

  async function slackFor(workspaceId: string): Promise<WebClient> {
    const ctx = context();
    return ctx.slack.forTeam((await ctx.workspaces.get(workspaceId)).slackTeamId);
  }

  async function render(employeeId: string, surface: 'dm' | 'home', notice?: string, known?: KnownState) {
    const ctx = context();
    // The person's row is always read here, inside the per-person chain: its recorded DM may have just changed.
    const employee = await ctx.db.employee.findUniqueOrThrow({ where: { id: employeeId } });
    const workspace = known?.workspace ?? (await ctx.workspaces.get(employee.workspaceId));
    const readiness = known?.readiness ?? (await loadEmployeeReadiness(ctx.db, workspace, employeeId)).readiness;
    const calendarAction = decideCalendarAction(readiness.calendar, { enterpriseConnect: await ctx.enterprise.covers(employee) });
    const links = await issueChecklistLinks(ctx.links, { workspaceId: workspace.id, slackUserId: employee.slackUserId, readiness, calendarAction });
    const view = { surface, timeZone: employee.timeZone, readiness, calendarAction, links, notice };
    return { employee, workspace, readiness, text: checklistText(view), blocks: renderChecklist(view) };
  }

  /** Slack timestamps ("seconds.micros") in posting order. */
  function postedBefore(a: string, b: string): boolean {
    const [aSeconds, aMicros = ''] = a.split('.');
    const [bSeconds, bMicros = ''] = b.split('.');
    return aSeconds.length !== bSeconds.length ? aSeconds.length < bSeconds.length : `${aSeconds}.${aMicros.padEnd(6, '0')}` < `${bSeconds}.${bMicros.padEnd(6, '0')}`;
  }

  async function retire(client: WebClient, employeeId: string, message: { channel: string; ts: string }): Promise<void> {
    await client.chat.update({ channel: message.channel, ts: message.ts, ...supersededBlocks() }).catch((error: unknown) => {
      context().logger.debug('could not retire an older checklist message', { employeeId, error: describeSlackError(error) });
    });
  }

  async function post(employeeId: string, notice: string | undefined, onlyIfMissing: boolean, metadata?: ChecklistMetadata, known?: KnownState): Promise<{ channel: string; ts: string } | null> {
    const ctx = context();
    const rendered = await render(employeeId, 'dm', notice, known);
    const { employee } = rendered;
    if (onlyIfMissing && (rendered.readiness.ready || rendered.readiness.optedOut)) return null;
    const client = await slackFor(employee.workspaceId);
    const posted = await client.chat.postMessage({ channel: employee.slackUserId, text: rendered.text, blocks: rendered.blocks, ...(metadata ? { metadata } : {}) });
    if (!posted.channel || !posted.ts) throw new AppError('slack_api_failed', { message: 'chat.postMessage returned no channel or ts' });
    await ctx.db.employee.update({ where: { id: employeeId }, data: { dmChannelId: posted.channel, dmTs: posted.ts } });
    if (employee.dmChannelId && employee.dmTs && (employee.dmChannelId !== posted.channel || employee.dmTs !== posted.ts)) {
      await retire(client, employeeId, { channel: employee.dmChannelId, ts: employee.dmTs });
    }
    return { channel: posted.channel, ts: posted.ts };
  }

  async function sendChecklist(employeeId: string, options: { notice?: string } = {}): Promise<void> {
    return serial(employeeId, async () => {
      const ctx = context();
      const employee = await ctx.db.employee.findUniqueOrThrow({ where: { id: employeeId } });
      if (employee.deactivatedAt) return;
      if (employee.dmChannelId && employee.dmTs) {
        const rendered = await render(employeeId, 'dm');
        try {
          await (await slackFor(employee.workspaceId)).chat.update({ channel: employee.dmChannelId, ts: employee.dmTs, text: rendered.text, blocks: rendered.blocks });
          return;
        } catch (error) {
          if (!MESSAGE_GONE.has(slackPlatformError(error) ?? '')) throw error;
          ctx.logger.info('the checklist DM is gone; posting a new one', { employeeId });
        }
      }
      // Someone with nothing missing (or who does not host interviews) gets no DM out of the blue.
      await post(employeeId, options.notice, true);
    });
  }

  async function publishHome(employeeId: string): Promise<void> {
    const ctx = context();
    const rendered = await render(employeeId, 'home');
    const admin = await adminBlocksFor(rendered.workspace.id, rendered.employee.slackUserId);
    const room = HOME_BLOCK_LIMIT - rendered.blocks.length - 1;
    const blocks: KnownBlock[] = [...rendered.blocks, ...(admin.length > 0 ? [{ type: 'divider' } as KnownBlock, ...admin.slice(0, room)] : [])];
    if (admin.length > room) ctx.logger.warn('admin summary cut to fit the Home tab', { blocks: admin.length, room });
    await (await slackFor(rendered.workspace.id)).views.publish({ user_id: rendered.employee.slackUserId, view: { type: 'home', blocks } });
  }

  /** The admin summary is a bonus on the Home tab: if it fails, the person still gets their checklist. */
  async function adminBlocksFor(workspaceId: string, slackUserId: string): Promise<KnownBlock[]> {
    const ctx = context();
    try {
      return await adminHomeBlocks(ctx, workspaceId, slackUserId);
    } catch (error) {
      ctx.logger.warn('admin summary failed; publishing the Home tab without it', { workspaceId, error: error instanceof Error ? error.message : String(error) });
      return [];
    }
  }

  async function findEmployeeId(workspaceId: string, slackUserId: string): Promise<string | null> {
    const employee = await context().db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } }, select: { id: true, deactivatedAt: true } });
    return employee && !employee.deactivatedAt ? employee.id : null;
  }

  function repostChecklist(employeeId: string, notice: string, options: { metadata?: ChecklistMetadata; known?: KnownState } = {}): Promise<{ channel: string; ts: string }> {
    return serial(employeeId, async () => {
      const posted = await post(employeeId, notice, false, options.metadata, options.known);
      if (!posted) throw new AppError('internal', { message: 'repost produced no message' });
      return posted;
    });
  }

  function adoptChecklist(employeeId: string, posted: { channel: string; ts: string }): Promise<void> {
    return serial(employeeId, async () => {
      const ctx = context();
      const employee = await ctx.db.employee.findUniqueOrThrow({ where: { id: employeeId } });
      if (employee.dmChannelId === posted.channel && employee.dmTs === posted.ts) return;
      const recorded = employee.dmChannelId && employee.dmTs ? { channel: employee.dmChannelId, ts: employee.dmTs } : null;
      const client = await slackFor(employee.workspaceId);
      if (recorded && postedBefore(posted.ts, recorded.ts)) return retire(client, employeeId, posted);
      await ctx.db.employee.update({ where: { id: employeeId }, data: { dmChannelId: posted.channel, dmTs: posted.ts } });
      if (recorded) await retire(client, employeeId, recorded);
    });
  }

  return {
    sendChecklist,
    repostChecklist,
    adoptChecklist,
    publishHome,
    findEmployeeId,

    async checklistBlocks(employeeId, surface = 'dm') {
      return (await render(employeeId, surface)).blocks;
    },

    async refresh(employeeId) {
      const ctx = context();
      let failure: AppError | undefined;
      try {
        await checkConnection(ctx, employeeId);
      } catch (error) {
        const appError = toAppError(error);
        // A disconnection the token manager recorded is an answer, not a failure: the checklist shows it.
        if (!['cronofy_unauthorized', 'cronofy_invalid_grant', 'cronofy_locked'].includes(appError.code)) failure = appError;
      }
      await sendChecklist(employeeId);
      await publishHome(employeeId);
      if (failure) throw failure;
    },

    async setHostsInterviews(employeeId, hosts) {
      const ctx = context();
      const employee = await ctx.db.employee.findUniqueOrThrow({ where: { id: employeeId } });
      if ((employee.optedOutAt === null) !== hosts) {
        await ctx.db.employee.update({ where: { id: employeeId }, data: { optedOutAt: hosts ? null : ctx.clock.now() } });
        await ctx.db.auditEvent.create({
          data: { id: ctx.ids.id('aud'), workspaceId: employee.workspaceId, actorSlackUserId: employee.slackUserId, action: hosts ? 'employee_opted_in' : 'employee_opted_out', target: employee.slackUserId },
        });
      }
      await sendChecklist(employeeId);
      await publishHome(employeeId);
    },

    async openHome(workspaceId, slackUserId) {
      const ctx = context();
      let employeeId = await findEmployeeId(workspaceId, slackUserId);
      const client = await slackFor(workspaceId);
      if (!employeeId) {
        const info = await client.users.info({ user: slackUserId });
        await ctx.roster.applyMember(workspaceId, info.user);
        employeeId = await findEmployeeId(workspaceId, slackUserId);
      }
      if (employeeId) return publishHome(employeeId);
      const admin = await adminBlocksFor(workspaceId, slackUserId);
      const notice: KnownBlock = { type: 'section', text: { type: 'mrkdwn', text: 'Slotline connects the calendars of full members of this workspace. Guests and apps cannot host interviews.' } };
      await client.views.publish({ user_id: slackUserId, view: { type: 'home', blocks: [notice, ...admin.slice(0, HOME_BLOCK_LIMIT - 1)] } });
    },

    async notifyConnectionLost(employeeId) {
      const ctx = context();
      const employee = await ctx.db.employee.findUnique({ where: { id: employeeId }, include: { calendar: true } });
      if (!employee || employee.deactivatedAt) return;
      const connection = employee.calendar;
      if (!connection || connection.state !== 'disconnected' || employee.optedOutAt) return sendChecklist(employeeId);
      // Claim this disconnection episode, so several signals about it (push, 401, 423) make one notice.
      const claimed = await ctx.db.calendarConnection.updateMany({
        where: { employeeId, state: 'disconnected', OR: [{ relinkNotifiedAt: null }, ...(connection.disconnectedAt ? [{ relinkNotifiedAt: { lt: connection.disconnectedAt } }] : [])] },
        data: { relinkNotifiedAt: ctx.clock.now() },
      });
      if (claimed.count === 0) return sendChecklist(employeeId);
      try {
        await repostChecklist(employeeId, connectionLostNotice(connection));
      } catch (error) {
        // Give the claim back so the job's retry tells the person; a rare second notice beats none.
        await ctx.db.calendarConnection.update({ where: { employeeId }, data: { relinkNotifiedAt: connection.relinkNotifiedAt } });
        throw error;
      }
      await publishHome(employeeId).catch((error: unknown) => ctx.logger.warn('could not update the Home tab', { employeeId, error: describeSlackError(error) }));
    },

    async scheduleUpdate(employeeId) {
      await context().jobs.enqueue(UPDATE_JOB, { employeeId });
    },
  };
}
