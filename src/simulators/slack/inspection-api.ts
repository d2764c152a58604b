// /_sim/: JSON reads of the simulated Slack, POSTs that drive it, and a long-poll of changes, for an in-browser sandbox.
import { z } from 'zod';
import type { SimulatorContext } from './context';
import type { SlackDriver } from './driver';
import { type HttpAnswer, jsonAnswer } from './http-io';
import { slackUser } from './slack-shapes';

const MAX_WAIT_MS = 30_000;

const location = z.union([z.object({ channel: z.string(), ts: z.string() }), z.object({ viewId: z.string() }), z.object({ home: z.string() })]);
const interaction = z.object({
  teamId: z.string().optional(),
  userId: z.string(),
  actionId: z.string(),
  blockId: z.string().optional(),
  value: z.string().optional(),
  in: location,
  selection: z.record(z.string(), z.unknown()).optional(),
});
const openModalRef = z.object({ teamId: z.string().optional(), userId: z.string(), viewId: z.string() });

const DRIVER_ROUTES: Record<string, (driver: SlackDriver, body: unknown) => Promise<unknown>> = {
  'slash-command': (driver, body) =>
    driver.slashCommand(z.object({ teamId: z.string(), userId: z.string(), command: z.string(), text: z.string().optional(), channelId: z.string().optional() }).parse(body)),
  'click-button': (driver, body) => driver.clickButton(interaction.omit({ selection: true }).parse(body)),
  interact: (driver, body) => driver.interact(interaction.parse(body)),
  'submit-view': (driver, body) =>
    driver.submitView(openModalRef.extend({ values: z.record(z.string(), z.record(z.string(), z.looseObject({ type: z.string().optional() }))).optional() }).parse(body)),
  'close-view': (driver, body) => driver.closeView(openModalRef.parse(body)),
  events: (driver, body) =>
    driver.sendEvent(z.object({ teamId: z.string(), event: z.record(z.string(), z.unknown()), eventId: z.string().optional() }).parse(body)),
};

async function answerGet(sim: SimulatorContext, parts: string[], query: URLSearchParams): Promise<HttpAnswer> {
  const teamId = query.get('teamId') ?? undefined;
  if (parts[0] === 'workspaces' && parts.length === 1) {
    return jsonAnswer(200, sim.directory.workspaces().map(({ botToken: _hidden, ...workspace }) => workspace));
  }
  if (parts[0] === 'workspaces' && parts[2] === 'users') {
    const workspace = sim.directory.requireWorkspace(parts[1]);
    return jsonAnswer(200, sim.directory.usersOf(workspace.teamId).map((user) => slackUser(user, workspace, sim.app, sim.clock())));
  }
  if (parts[0] === 'users' && parts.length === 3) {
    const user = sim.directory.locateUser(parts[1], teamId);
    if (parts[2] === 'dms') {
      const dm = sim.directory.openIm(user.teamId, user.id).id;
      return jsonAnswer(200, sim.store.list('message').filter((m) => m.teamId === user.teamId && m.channel === dm));
    }
    if (parts[2] === 'home') return jsonAnswer(200, sim.views.home(user.teamId, user.id) ?? null);
    if (parts[2] === 'modals') return jsonAnswer(200, sim.views.stack(user.teamId, user.id));
  }
  if (parts[0] === 'changes' && parts.length === 1) {
    const since = Number(query.get('since') ?? 0);
    const waitMs = Math.min(Number(query.get('waitMs') ?? MAX_WAIT_MS), MAX_WAIT_MS);
    const changes = await sim.store.nextChanges(since, waitMs);
    return jsonAnswer(200, { seq: sim.store.seq, changes });
  }
  return jsonAnswer(404, { error: 'not_found' });
}

export async function answerInspection(sim: SimulatorContext, driver: SlackDriver, method: string, path: string, query: URLSearchParams, body: Buffer): Promise<HttpAnswer> {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (method === 'GET') return await answerGet(sim, parts, query);
    const route = method === 'POST' && parts.length === 1 ? DRIVER_ROUTES[parts[0]] : undefined;
    if (!route) return jsonAnswer(404, { error: 'not_found' });
    return jsonAnswer(200, await route(driver, JSON.parse(body.toString('utf8') || '{}')));
  } catch (error) {
    return jsonAnswer(400, { error: error instanceof Error ? error.message : String(error) });
  }
}
