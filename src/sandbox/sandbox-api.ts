// /sandbox/api/…: the sandbox page's only server. It plays Slack's client for one demo person at a time by calling the
// Slack simulator's /_sim/ driver and inspection API, and reads the Cronofy simulator's /_sim/state.
// What /_sim/ does not offer over HTTP comes from the simulator object itself: ephemeral messages (replies to slash
// commands), app_home_opened with the person's DM channel and current Home view, and the contents of shared files.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { AppError, toAppError } from '../errors';
import { readRawBody, routeParam, requestUrl, sendJson, type HttpRoute, type RouteRequest } from '../http/route';
import type { Logger } from '../platform/logger';
import type { SlackSimulator } from '../simulators/slack';
import type { CronofySimulator } from '../simulators/cronofy';
import { escapeCommandText } from './command-text';
import { DEMO_PEOPLE, DEMO_TEAM } from './demo-company';
import type { LiveUpdates } from './live-updates';
import { manifestCommands, type SlashCommandInfo } from './manifest-commands';
import { createSimClient, type SimAnswer } from './simulator-client';

export interface SandboxApiDeps {
  slackSimulator: SlackSimulator;
  cronofySimulator: CronofySimulator;
  liveUpdates: LiveUpdates;
  logger: Logger;
}

/** Below the Slack simulator's own 30 s cap, and short enough that a reload is never stuck behind a poll. */
const MAX_POLL_MS = 25_000;

const demoIds = DEMO_PEOPLE.map((person) => person.slackId) as [string, ...string[]];
const demoUserId = z.enum(demoIds, { message: 'not a person of the demo company' });

const location = z.union([z.object({ channel: z.string().min(1), ts: z.string().min(1) }), z.object({ viewId: z.string().min(1) }), z.object({ home: demoUserId })]);
const interactBody = z.object({
  kind: z.enum(['button', 'element']),
  actionId: z.string().min(1).max(255),
  blockId: z.string().min(1).max(255).optional(),
  value: z.string().max(2000).optional(),
  in: location,
  selection: z.record(z.string(), z.unknown()).optional(),
});
const submitBody = z.object({
  viewId: z.string().min(1),
  values: z.record(z.string(), z.record(z.string(), z.looseObject({ type: z.string() }))),
});
const closeBody = z.object({ viewId: z.string().min(1) });
const commandBody = z.object({ command: z.string().trim(), text: z.string().max(4000).default('') });
const appHomeOpenedBody = z.object({ tab: z.enum(['home', 'messages']) });
const changesQuery = z.object({
  since: z.coerce.number().int().min(0),
  waitMs: z.coerce.number().int().min(0).max(MAX_POLL_MS).default(MAX_POLL_MS),
});

const simMessage = z.looseObject({ ts: z.string(), deleted: z.boolean(), fileIds: z.array(z.string()).default([]) });
const simUser = z.looseObject({ id: z.string(), name: z.string(), real_name: z.string().default(''), is_bot: z.boolean().default(false), deleted: z.boolean().default(false) });
const simWorkspace = z.looseObject({ teamId: z.string(), name: z.string(), botUserId: z.string() });
const simChanges = z.object({
  seq: z.number(),
  changes: z.array(z.object({ seq: z.number(), record: z.looseObject({ kind: z.string(), userId: z.string().nullish(), channel: z.string().nullish() }) })),
});

/** The driver's answer without the response_url and trigger_id, which the page has no use for. */
function deliveryOutcome(answer: SimAnswer): SimAnswer {
  if (answer.status !== 200 || typeof answer.body !== 'object' || answer.body === null) return answer;
  const { status, ackMs, ackedInTime, outcome, problem } = answer.body as Record<string, unknown>;
  return { status: 200, body: { status, ackMs, ackedInTime, ...(outcome !== undefined ? { outcome } : {}), ...(problem !== undefined ? { problem } : {}) } };
}

function badRequest(message: string): AppError {
  return new AppError('bad_request', { message, userMessage: message, details: { status: 400 } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = (await readRawBody(req)).toString('utf8');
  try {
    return raw === '' ? {} : JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not JSON.');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '));
  return result.data;
}

function person(req: RouteRequest): string {
  return parse(demoUserId, routeParam(req, 'userId'));
}

/** Answers JSON on every path, including failures (Slotline's generic handler would answer GETs with an HTML page). */
function jsonRoute(logger: Logger, route: { path: string; method: 'GET' | 'POST'; answer(req: RouteRequest, res: ServerResponse): Promise<SimAnswer | null> }): HttpRoute {
  return {
    path: route.path,
    method: route.method,
    handler: async (req, res) => {
      try {
        const answer = await route.answer(req, res);
        if (answer) sendJson(res, answer.status, answer.body);
      } catch (raw) {
        const error = toAppError(raw);
        const status = typeof error.details?.status === 'number' ? error.details.status : 500;
        if (status >= 500) logger.warn('sandbox api failed', { path: route.path, code: error.code, error: error.message });
        if (!res.headersSent) sendJson(res, status, { error: error.code, message: error.userMessage });
      }
    },
  };
}

export function sandboxApiRoutes(deps: SandboxApiDeps): HttpRoute[] {
  const slack = createSimClient('Slack', deps.slackSimulator.url);
  const cronofy = createSimClient('Cronofy', deps.cronofySimulator.url);
  const teamId = DEMO_TEAM.teamId;
  const commands: SlashCommandInfo[] = manifestCommands();

  async function directory() {
    const [workspaces, users] = await Promise.all([slack.get('workspaces'), slack.get(`workspaces/${teamId}/users`)]);
    const workspace = z.array(simWorkspace).parse(workspaces.body).find((candidate) => candidate.teamId === teamId);
    if (!workspace) throw new AppError('internal', { message: `the Slack simulator has no workspace ${teamId}`, details: { status: 502 } });
    return { workspace, users: z.array(simUser).parse(users.body) };
  }

  async function dmsOf(userId: string) {
    const answer = await slack.get(`users/${userId}/dms?teamId=${teamId}`);
    if (answer.status !== 200) throw new AppError('internal', { message: `/_sim/users/${userId}/dms answered ${answer.status}`, details: { status: 502 } });
    return z.array(simMessage).parse(answer.body);
  }

  const api = (path: string, method: 'GET' | 'POST', answer: (req: RouteRequest, res: ServerResponse) => Promise<SimAnswer | null>) =>
    jsonRoute(deps.logger, { path: `/sandbox/api${path}`, method, answer });

  return [
    api('/bootstrap', 'GET', async () => {
      const { workspace, users } = await directory();
      return {
        status: 200,
        body: {
          team: { id: workspace.teamId, name: workspace.name },
          appName: 'Slotline',
          botUserId: workspace.botUserId,
          people: DEMO_PEOPLE.map(({ slackId, realName, name, email, tz, role, calendar, conferencingAccounts }) => ({ slackId, realName, name, email, tz, role, calendar, conferencingAccounts })),
          users: users.map((user) => ({ id: user.id, name: user.name, realName: user.real_name, isBot: user.is_bot, deleted: user.deleted })),
          commands,
        },
      };
    }),

    api('/people/:userId/conversation', 'GET', async (req) => {
      const userId = person(req);
      const files = new Map(deps.slackSimulator.files().map((file) => [file.id, file]));
      const messages = (await dmsOf(userId)).map((message) => ({
        ...message,
        kind: 'message',
        files: message.fileIds.flatMap((id) => {
          const file = files.get(id);
          return file ? [{ id: file.id, filename: file.filename, title: file.title }] : [];
        }),
      }));
      const ephemerals = deps.slackSimulator.ephemerals(userId).filter((ephemeral) => ephemeral.teamId === teamId);
      const shown = [...messages, ...ephemerals.map((ephemeral) => ({ ...ephemeral, files: [] }))]
        .filter((message) => !message.deleted)
        .sort((a, b) => Number(a.ts) - Number(b.ts));
      return { status: 200, body: { messages: shown } };
    }),

    api('/people/:userId/files/:fileId', 'GET', async (req, res) => {
      const userId = person(req);
      const fileId = routeParam(req, 'fileId') ?? '';
      const shared = (await dmsOf(userId)).some((message) => message.fileIds.includes(fileId));
      const file = shared ? deps.slackSimulator.files().find((candidate) => candidate.id === fileId) : undefined;
      if (!file?.content) throw new AppError('not_found', { message: `no file ${fileId} in the DMs of ${userId}`, userMessage: 'That file is not in this conversation.', details: { status: 404 } });
      const filename = file.filename.replace(/[^\w.-]+/g, '_');
      res.writeHead(200, {
        'Content-Type': filename.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Content-Length': file.content.length,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(file.content);
      return null;
    }),

    api('/people/:userId/home', 'GET', async (req) => slack.get(`users/${person(req)}/home?teamId=${teamId}`)),
    api('/people/:userId/modals', 'GET', async (req) => slack.get(`users/${person(req)}/modals?teamId=${teamId}`)),

    api('/people/:userId/app-home-opened', 'POST', async (req) => {
      const userId = person(req);
      const { tab } = parse(appHomeOpenedBody, await readJson(req));
      const result = await deps.slackSimulator.openHome(teamId, userId, tab);
      return { status: 200, body: { status: result.status, ackMs: result.ackMs, ackedInTime: result.ackedInTime } };
    }),

    api('/people/:userId/slash-command', 'POST', async (req) => {
      const userId = person(req);
      const { command, text } = parse(commandBody, await readJson(req));
      if (!commands.some((known) => known.command === command)) {
        throw badRequest(`${command} is not a valid command. In Slack, all messages that start with "/" are interpreted as commands.`);
      }
      const { users } = await directory();
      const members = users.filter((user) => !user.deleted).map((user) => ({ id: user.id, name: user.name }));
      return deliveryOutcome(await slack.post('slash-command', { teamId, userId, command, text: escapeCommandText(text, members) }));
    }),

    api('/people/:userId/interact', 'POST', async (req) => {
      const userId = person(req);
      const input = parse(interactBody, await readJson(req));
      if ('home' in input.in && input.in.home !== userId) throw badRequest('People can only use their own Home tab.');
      const { kind, selection, ...target } = input;
      const answer = kind === 'button' ? await slack.post('click-button', { teamId, userId, ...target }) : await slack.post('interact', { teamId, userId, ...target, selection });
      return deliveryOutcome(answer);
    }),

    api('/people/:userId/submit-view', 'POST', async (req) => {
      const userId = person(req);
      const { viewId, values } = parse(submitBody, await readJson(req));
      return deliveryOutcome(await slack.post('submit-view', { teamId, userId, viewId, values }));
    }),

    api('/people/:userId/close-view', 'POST', async (req) => {
      const userId = person(req);
      const { viewId } = parse(closeBody, await readJson(req));
      const answer = await slack.post('close-view', { teamId, userId, viewId });
      return answer.status === 200 && answer.body === null ? { status: 200, body: { closed: true } } : deliveryOutcome(answer);
    }),

    api('/changes', 'GET', async (req, res) => {
      const query = parse(changesQuery, Object.fromEntries(requestUrl(req).searchParams));
      const poll = deps.liveUpdates.open();
      const pageGone = new AbortController();
      const stopWhenGone = () => {
        if (!res.writableEnded) pageGone.abort();
      };
      res.once('close', stopWhenGone);
      const signal = AbortSignal.any([poll.signal, pageGone.signal]);
      try {
        const answer = await slack.get(`changes?since=${query.since}&waitMs=${query.waitMs}`, signal);
        const { seq, changes } = simChanges.parse(answer.body);
        // Only what tells the page which person's view to reload: message and view contents are fetched per person.
        const relevant = changes
          .filter(({ record }) => record.kind === 'message' || record.kind === 'ephemeral' || record.kind === 'view')
          .map(({ seq: at, record }) => ({ seq: at, kind: record.kind, userId: record.userId ?? null, channel: record.channel ?? null }));
        return { status: 200, body: { seq, changes: relevant } };
      } catch (error) {
        if (signal.aborted) return res.destroyed ? null : { status: 200, body: { seq: query.since, changes: [], ended: true } };
        throw error;
      } finally {
        poll.done();
        res.off('close', stopWhenGone);
      }
    }),

    api('/calendars', 'GET', async () => cronofy.get('state')),
  ];
}
