// The simulator acting as Slack towards the app: a person runs a command, clicks, selects, submits, closes, opens Home.
import { type DeliveryResult, deliverToApp } from './app-delivery';
import { actionPayload, findElement, stateAfterSelection } from './blocks';
import type { SimulatorContext } from './context';
import type { Conversation, SimUser, Workspace } from './directory';
import {
  type Actor,
  type BlockActionsSource,
  blockActionsPayload,
  eventEnvelope,
  interactionBody,
  slashCommandBody,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads';
import type { EphemeralRecord, MessageRecord, SlackObject, ViewRecord } from './records';
import { slackMessage, slackView } from './slack-shapes';
import { SlackApiError } from './web-api/errors';

export interface SlashCommandInput {
  teamId: string;
  userId: string;
  command: string;
  text?: string;
  /** Default: the bot's DM with the person (the app's Messages tab). */
  channelId?: string;
}

export interface SlashCommandResult extends DeliveryResult {
  triggerId: string;
  responseUrl: string;
}

/** Where the person clicks: a message (or ephemeral) by channel and ts, an open modal, or someone's Home tab. */
export type InteractionLocation = { channel: string; ts: string } | { viewId: string } | { home: string };

export interface InteractInput {
  teamId?: string;
  userId: string;
  actionId: string;
  blockId?: string;
  /** Picks among several elements sharing the action_id. */
  value?: string;
  in: InteractionLocation;
  /** Fields merged into the action, e.g. `{ selected_option: { value: 'x' } }` or `{ selected_date: '2025-03-01' }`. */
  selection?: SlackObject;
}

export type ClickButtonInput = Omit<InteractInput, 'selection'>;

export interface InteractionResult extends DeliveryResult {
  triggerId: string;
  /** Present for interactions on messages. */
  responseUrl?: string;
}

export type ViewValues = Record<string, Record<string, { type?: string } & SlackObject>>;

export interface SubmitViewInput {
  teamId?: string;
  userId: string;
  viewId: string;
  values?: ViewValues;
}

export type SubmitOutcome = 'closed' | 'cleared' | 'updated' | 'pushed' | 'errors' | 'failed';

export interface SubmitViewResult extends DeliveryResult {
  triggerId: string;
  /** What Slack did with the modal after the ack. */
  outcome: SubmitOutcome;
  /** Why the outcome is `failed`: a non-200 or late ack, or an ack Slack would reject. */
  problem?: string;
}

export interface CloseViewInput {
  teamId?: string;
  userId: string;
  viewId: string;
}

export interface SendEventInput {
  teamId: string;
  event: SlackObject;
  /** Reuse an event_id to simulate Slack's retries. */
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface EventResult extends DeliveryResult {
  eventId: string;
}

type Located =
  | { kind: 'message'; record: MessageRecord; conversation: Conversation }
  | { kind: 'ephemeral'; record: EphemeralRecord; conversation: Conversation }
  | { kind: 'view'; record: ViewRecord };

export class SlackDriver {
  constructor(private readonly sim: SimulatorContext) {}

  issueTriggerId(teamId: string, userId: string): string {
    return this.sim.triggers.issue(teamId, userId);
  }

  async slashCommand(input: SlashCommandInput): Promise<SlashCommandResult> {
    if (!input.command.startsWith('/')) throw new Error(`Slash commands start with "/": got "${input.command}"`);
    const actor = this.actor(input.userId, input.teamId);
    const conversation = input.channelId ? this.conversation(input.teamId, input.channelId) : this.sim.directory.openIm(input.teamId, input.userId);
    const triggerId = this.sim.triggers.issue(input.teamId, input.userId);
    const responseUrl = this.sim.responseUrls.issue({ teamId: input.teamId, userId: input.userId, channel: conversation.id, message: null });
    const rawBody = slashCommandBody(actor, { conversation, command: input.command, text: input.text ?? '', responseUrl, triggerId });
    const result = await this.deliver('slash_command', actor, 'application/x-www-form-urlencoded', rawBody);
    if (result.status === 200 && result.ackedInTime) this.showCommandAck(actor, conversation, result.body);
    return { ...result, triggerId, responseUrl };
  }

  clickButton(input: ClickButtonInput): Promise<InteractionResult> {
    return this.act(input, true);
  }

  /** Any interactive element: selects, overflow menus, date pickers, checkboxes… */
  interact(input: InteractInput): Promise<InteractionResult> {
    return this.act(input, false);
  }

  /** Sends any interaction payload as is, for shapes the element-based helpers don't cover. */
  async sendInteractionPayload(teamId: string, payload: SlackObject): Promise<DeliveryResult> {
    this.sim.directory.requireWorkspace(teamId);
    const user = payload.user as { id?: unknown } | undefined;
    return deliverToApp(this.sim, {
      type: String(payload.type ?? 'interaction'),
      teamId,
      userId: typeof user?.id === 'string' ? user.id : null,
      contentType: 'application/x-www-form-urlencoded',
      rawBody: interactionBody(payload),
    });
  }

  async submitView(input: SubmitViewInput): Promise<SubmitViewResult> {
    const actor = this.actor(input.userId, input.teamId);
    const view = this.openModal(actor, input.viewId, true);
    for (const [blockId, actions] of Object.entries(input.values ?? {})) {
      for (const [actionId, given] of Object.entries(actions)) {
        const { element } = findElement(view.spec.blocks as SlackObject[], { blockId, actionId });
        if (given.type !== undefined && given.type !== element.type) {
          throw new Error(`${blockId}/${actionId} is a ${String(element.type)}, but the submitted value says ${given.type}`);
        }
        this.sim.views.setActionState(view, blockId, actionId, { ...given, type: String(element.type) });
      }
    }
    const triggerId = this.sim.triggers.issue(actor.workspace.teamId, input.userId);
    const payload = viewSubmissionPayload(actor, slackView(view, actor.workspace, this.sim.app), triggerId);
    const result = await this.deliver('view_submission', actor, 'application/x-www-form-urlencoded', interactionBody(payload));
    return { ...result, triggerId, ...this.applySubmissionAck(actor, view, result) };
  }

  async closeView(input: CloseViewInput): Promise<DeliveryResult | null> {
    const actor = this.actor(input.userId, input.teamId);
    const view = this.openModal(actor, input.viewId, true);
    const isCleared = view.spec.clear_on_close === true;
    const rendered = slackView(view, actor.workspace, this.sim.app);
    if (isCleared) this.sim.views.closeAll(actor.workspace.teamId, input.userId);
    else this.sim.views.closeTop(actor.workspace.teamId, input.userId);
    if (view.spec.notify_on_close !== true) return null;
    return this.deliver('view_closed', actor, 'application/x-www-form-urlencoded', interactionBody(viewClosedPayload(actor, rendered, isCleared)));
  }

  async sendEvent(input: SendEventInput): Promise<EventResult> {
    const workspace = this.sim.directory.requireWorkspace(input.teamId);
    const eventId = input.eventId ?? this.sim.ids.next('Ev');
    const event: SlackObject = { event_ts: this.sim.ids.nextTs(), ...input.event };
    const envelope = eventEnvelope(this.sim.app, workspace, event, eventId, Math.floor(this.sim.clock() / 1000));
    const retryHeaders: Record<string, string> =
      input.retryNum !== undefined ? { 'X-Slack-Retry-Num': String(input.retryNum), 'X-Slack-Retry-Reason': input.retryReason ?? 'http_timeout' } : {};
    const result = await deliverToApp(this.sim, {
      type: 'event_callback',
      teamId: input.teamId,
      userId: typeof event.user === 'string' ? event.user : null,
      contentType: 'application/json',
      rawBody: JSON.stringify(envelope),
      extraHeaders: retryHeaders,
    });
    return { ...result, eventId };
  }

  /** `app_home_opened`, with the current Home view when one was published. */
  openHome(teamId: string, userId: string, tab: 'home' | 'messages' = 'home'): Promise<EventResult> {
    const { workspace } = this.actor(userId, teamId);
    const home = this.sim.views.home(teamId, userId);
    const event: SlackObject = {
      type: 'app_home_opened',
      user: userId,
      channel: this.sim.directory.openIm(teamId, userId).id,
      tab,
      ...(home ? { view: slackView(home, workspace, this.sim.app) } : {}),
    };
    return this.sendEvent({ teamId, event });
  }

  private async act(input: InteractInput, buttonOnly: boolean): Promise<InteractionResult> {
    const actor = this.actor(input.userId, input.teamId);
    const located = this.locate(input);
    const element = findElement(this.blocksAt(located, input), input);
    if (buttonOnly && element.element.type !== 'button') {
      throw new Error(`"${input.actionId}" is a ${String(element.element.type)}, not a button; use interact()`);
    }
    const selection = input.selection ?? {};
    const { teamId } = actor.workspace;
    const triggerId = this.sim.triggers.issue(teamId, input.userId);
    const action = actionPayload(element, selection, this.sim.ids.nextTs());
    let source: BlockActionsSource;
    let responseUrl: string | undefined;
    if (located.kind === 'view') {
      const state = stateAfterSelection(element.element, selection);
      if (state) this.sim.views.setActionState(located.record, element.blockId, element.actionId, state);
      source = { kind: 'view', view: slackView(located.record, actor.workspace, this.sim.app) };
    } else {
      const { record, conversation } = located;
      responseUrl = this.sim.responseUrls.issue({ teamId, userId: input.userId, channel: conversation.id, message: { kind: located.kind, ts: record.ts } });
      source =
        located.kind === 'message'
          ? { kind: 'message', conversation, ts: record.ts, responseUrl, message: this.renderMessage(located.record, actor.workspace) }
          : { kind: 'ephemeral', conversation, ts: record.ts, responseUrl };
    }
    const payload = blockActionsPayload(actor, source, action, triggerId);
    const result = await this.deliver('block_actions', actor, 'application/x-www-form-urlencoded', interactionBody(payload));
    return { ...result, triggerId, ...(responseUrl ? { responseUrl } : {}) };
  }

  private actor(userId: string, teamId?: string): Actor {
    const user: SimUser = this.sim.directory.locateUser(userId, teamId);
    return { app: this.sim.app, workspace: this.sim.directory.requireWorkspace(user.teamId), user };
  }

  private deliver(type: string, actor: Actor, contentType: 'application/x-www-form-urlencoded', rawBody: string): Promise<DeliveryResult> {
    return deliverToApp(this.sim, { type, teamId: actor.workspace.teamId, userId: actor.user.id, contentType, rawBody });
  }

  private conversation(teamId: string, channel: string): Conversation {
    try {
      return this.sim.messaging.resolveChannel(teamId, channel);
    } catch (error) {
      if (error instanceof SlackApiError) throw new Error(`Unknown channel ${channel} in ${teamId} (${error.code}); seed it with addChannel()`);
      throw error;
    }
  }

  private locate(input: InteractInput): Located {
    const { user, workspace } = this.actor(input.userId, input.teamId);
    const { teamId } = workspace;
    const where = input.in;
    if ('viewId' in where) return { kind: 'view', record: this.openModal({ app: this.sim.app, workspace, user }, where.viewId, false) };
    if ('home' in where) {
      const home = this.sim.views.home(teamId, where.home);
      if (!home) throw new Error(`${where.home} has no Home view in ${teamId}; the app never called views.publish for them`);
      return { kind: 'view', record: home };
    }
    const conversation = this.conversation(teamId, where.channel);
    const message = this.sim.messaging.findMessage(teamId, conversation.id, where.ts);
    if (message && !message.deleted) return { kind: 'message', record: message, conversation };
    const ephemeral = this.sim.messaging.findEphemeral(teamId, conversation.id, where.ts);
    if (ephemeral && !ephemeral.deleted && ephemeral.userId === user.id) return { kind: 'ephemeral', record: ephemeral, conversation };
    throw new Error(`No message ts=${where.ts} in ${conversation.id} visible to ${user.id}`);
  }

  private blocksAt(located: Located, input: InteractInput): SlackObject[] {
    const blocks = located.kind === 'view' ? (located.record.spec.blocks as SlackObject[]) : located.record.blocks;
    if (!blocks) throw new Error(`The message at ${JSON.stringify(input.in)} has no blocks, so nothing to click`);
    return blocks;
  }

  private openModal(actor: Actor, viewId: string, mustBeOnTop: boolean): ViewRecord {
    const stack = this.sim.views.stack(actor.workspace.teamId, actor.user.id);
    const index = stack.findIndex((view) => view.id === viewId);
    if (index === -1) {
      const open = stack.map((view) => view.id).join(', ') || 'none';
      throw new Error(`View ${viewId} is not an open modal of ${actor.user.id} (open: ${open})`);
    }
    if (mustBeOnTop && index !== stack.length - 1) throw new Error(`View ${viewId} is covered by a pushed view; only the top one can be submitted or closed`);
    return stack[index];
  }

  private renderMessage(message: MessageRecord, workspace: Workspace): SlackObject {
    const files = message.fileIds.flatMap((id) => this.sim.uploads.fileById(id) ?? []);
    return slackMessage(message, workspace, this.sim.app, files);
  }

  /** Slack shows a command's ack body: text or blocks, ephemeral unless `response_type: 'in_channel'`. */
  private showCommandAck({ workspace, user }: Actor, conversation: Conversation, body: unknown): void {
    const reply = typeof body === 'string' ? { text: body } : (body as SlackObject | null);
    if (!reply || (reply.text === undefined && reply.blocks === undefined)) return;
    const content = { text: typeof reply.text === 'string' ? reply.text : undefined, blocks: reply.blocks };
    if (reply.response_type === 'in_channel') this.sim.messaging.post(workspace.teamId, conversation.id, content, 'command_ack');
    else this.sim.messaging.postEphemeral(workspace.teamId, conversation.id, user.id, content, 'command_ack');
  }

  private applySubmissionAck({ workspace, user }: Actor, view: ViewRecord, result: DeliveryResult): { outcome: SubmitOutcome; problem?: string } {
    if (result.status !== 200) return { outcome: 'failed', problem: `the app answered HTTP ${result.status}` };
    if (!result.ackedInTime) return { outcome: 'failed', problem: `the app acked after ${result.ackMs} ms; Slack gives up after 3000 ms` };
    const { teamId } = workspace;
    const ack = (result.body ?? {}) as SlackObject;
    try {
      switch (ack.response_action) {
        case undefined:
          this.sim.views.closeTop(teamId, user.id);
          return { outcome: 'closed' };
        case 'clear':
          this.sim.views.closeAll(teamId, user.id);
          return { outcome: 'cleared' };
        case 'update':
          this.sim.views.replace(view, this.sim.views.checkedSpec(ack.view, 'modal'));
          return { outcome: 'updated' };
        case 'push':
          this.sim.views.push(teamId, user.id, this.sim.views.checkedSpec(ack.view, 'modal'));
          return { outcome: 'pushed' };
        case 'errors':
          return this.showErrors(view, ack.errors);
        default:
          return { outcome: 'failed', problem: `unknown response_action ${JSON.stringify(ack.response_action)}` };
      }
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      const messages = (error.extra.response_metadata as { messages?: string[] } | undefined)?.messages ?? [];
      return { outcome: 'failed', problem: [error.code, ...messages].join(' ') };
    }
  }

  private showErrors(view: ViewRecord, errors: unknown): { outcome: SubmitOutcome; problem?: string } {
    if (typeof errors !== 'object' || errors === null) return { outcome: 'failed', problem: 'response_action errors without an errors object' };
    const inputBlockIds = new Set((view.spec.blocks as SlackObject[]).filter((b) => b.type === 'input').map((b) => b.block_id));
    const unknown = Object.keys(errors).filter((blockId) => !inputBlockIds.has(blockId));
    if (unknown.length > 0) return { outcome: 'failed', problem: `errors name blocks that are not input blocks: ${unknown.join(', ')}` };
    this.sim.views.showErrors(view, errors as Record<string, string>);
    return { outcome: 'errors' };
  }
}
