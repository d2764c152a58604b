// What Slack sends to the app: slash command forms, interaction payloads and Events API envelopes.
import type { AppIdentity, Conversation, SimUser, Workspace } from './directory';
import type { SlackObject } from './records';

export interface Actor {
  app: AppIdentity;
  workspace: Workspace;
  user: SimUser;
}

function channelName(conversation: Conversation): string {
  if (conversation.type === 'im') return 'directmessage';
  if (conversation.type === 'mpim') return 'privategroup';
  return conversation.name;
}

/** Field order as Slack sends it; `is_enterprise_install` is a string here, unlike everywhere else. */
export function slashCommandBody(
  { app, workspace, user }: Actor,
  command: { conversation: Conversation; command: string; text: string; responseUrl: string; triggerId: string },
): string {
  const enterprise: Array<[string, string]> = workspace.enterpriseId
    ? [['enterprise_id', workspace.enterpriseId], ['enterprise_name', workspace.enterpriseName ?? '']]
    : [];
  const fields: Array<[string, string]> = [
    ['token', app.verificationToken],
    ['team_id', workspace.teamId],
    ['team_domain', workspace.domain],
    ...enterprise,
    ['channel_id', command.conversation.id],
    ['channel_name', channelName(command.conversation)],
    ['user_id', user.id],
    ['user_name', user.name],
    ['command', command.command],
    ['text', command.text],
    ['api_app_id', app.appId],
    ['is_enterprise_install', 'false'],
    ['response_url', command.responseUrl],
    ['trigger_id', command.triggerId],
  ];
  return new URLSearchParams(fields).toString();
}

export function interactionBody(payload: SlackObject): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function interactionBase({ app, workspace, user }: Actor): SlackObject {
  return {
    user: { id: user.id, username: user.name, name: user.name, team_id: workspace.teamId },
    api_app_id: app.appId,
    token: app.verificationToken,
    team: {
      id: workspace.teamId,
      domain: workspace.domain,
      ...(workspace.enterpriseId ? { enterprise_id: workspace.enterpriseId, enterprise_name: workspace.enterpriseName } : {}),
    },
    enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: workspace.enterpriseName } : null,
    is_enterprise_install: false,
  };
}

export type BlockActionsSource =
  | { kind: 'message'; conversation: Conversation; message: SlackObject; ts: string; responseUrl: string }
  | { kind: 'ephemeral'; conversation: Conversation; ts: string; responseUrl: string }
  | { kind: 'view'; view: SlackObject };

export function blockActionsPayload(actor: Actor, source: BlockActionsSource, action: SlackObject, triggerId: string): SlackObject {
  const base = { type: 'block_actions', ...interactionBase(actor), trigger_id: triggerId };
  if (source.kind === 'view') {
    const view = source.view;
    return { ...base, container: { type: 'view', view_id: view.id }, view, actions: [action] };
  }
  return {
    ...base,
    container: { type: 'message', message_ts: source.ts, channel_id: source.conversation.id, is_ephemeral: source.kind === 'ephemeral' },
    channel: { id: source.conversation.id, name: channelName(source.conversation) },
    ...(source.kind === 'message' ? { message: source.message } : {}),
    state: { values: {} },
    response_url: source.responseUrl,
    actions: [action],
  };
}

export function viewSubmissionPayload(actor: Actor, view: SlackObject, triggerId: string): SlackObject {
  return { type: 'view_submission', ...interactionBase(actor), trigger_id: triggerId, view, response_urls: [] };
}

export function viewClosedPayload(actor: Actor, view: SlackObject, isCleared: boolean): SlackObject {
  return { type: 'view_closed', ...interactionBase(actor), view, is_cleared: isCleared };
}

export function eventEnvelope(app: AppIdentity, workspace: Workspace, event: SlackObject, eventId: string, eventTimeSec: number): SlackObject {
  return {
    token: app.verificationToken,
    team_id: workspace.teamId,
    context_team_id: workspace.teamId,
    context_enterprise_id: workspace.enterpriseId,
    api_app_id: app.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTimeSec,
    authorizations: [
      { enterprise_id: workspace.enterpriseId, team_id: workspace.teamId, user_id: workspace.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${workspace.teamId}:${eventId}`).toString('base64url')}`,
  };
}
