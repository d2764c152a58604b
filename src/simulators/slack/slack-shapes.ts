// Internal records rendered as the JSON objects Slack returns and sends (users, messages, views, files, teams).
import { type AppIdentity, SLACKBOT_ID, type SimUser, type UserGroup, type Workspace } from './directory';
import type { FileRecord, MessageRecord, SlackObject, ViewRecord } from './records';
import { timeZoneLabel, timeZoneOffsetSeconds } from './timezones';

const AVATAR = 'https://a.slack-edge.com/80588/img/avatars/user_shaped_192.png';

function msToTs(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

/** A user as users.info and users.list return it. */
export interface SlackUserObject {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  profile: { real_name: string; display_name: string; email?: string; bot_id?: string; [field: string]: unknown };
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  updated: number;
  [field: string]: unknown;
}

export function slackUser(user: SimUser, workspace: Workspace, app: AppIdentity, now: number): SlackUserObject {
  const at = new Date(now);
  const [firstName = '', ...rest] = user.realName.split(' ');
  const profile: SlackUserObject['profile'] = {
    title: '',
    phone: '',
    skype: '',
    real_name: user.realName,
    real_name_normalized: user.realName,
    display_name: user.name,
    display_name_normalized: user.name,
    fields: null,
    status_text: '',
    status_emoji: '',
    status_expiration: 0,
    avatar_hash: `g${user.id.slice(-11).toLowerCase()}`,
    first_name: firstName,
    last_name: rest.join(' '),
    image_24: AVATAR,
    image_48: AVATAR,
    image_72: AVATAR,
    image_192: AVATAR,
    image_512: AVATAR,
    team: user.teamId,
    ...(user.email ? { email: user.email } : {}),
    ...(user.botId ? { bot_id: user.botId, api_app_id: app.appId, always_active: true } : {}),
  };
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: user.deleted,
    color: '9f69e7',
    real_name: user.realName,
    tz: user.tz,
    tz_label: timeZoneLabel(user.tz, at),
    tz_offset: timeZoneOffsetSeconds(user.tz, at),
    profile,
    is_admin: user.isAdmin,
    is_owner: user.isOwner,
    is_primary_owner: user.isPrimaryOwner,
    is_restricted: user.isRestricted,
    is_ultra_restricted: user.isUltraRestricted,
    is_bot: user.isBot,
    is_app_user: user.isAppUser,
    updated: seconds(user.updatedAt),
    is_email_confirmed: user.email !== null,
    who_can_share_contact_card: 'EVERYONE',
    ...(workspace.enterpriseId
      ? {
          enterprise_user: {
            id: user.id,
            enterprise_id: workspace.enterpriseId,
            enterprise_name: workspace.enterpriseName,
            is_admin: user.isAdmin,
            is_owner: user.isOwner,
            is_primary_owner: user.isPrimaryOwner,
            teams: [workspace.teamId],
          },
        }
      : {}),
  };
}

export function slackTeam(workspace: Workspace): SlackObject {
  return {
    id: workspace.teamId,
    name: workspace.name,
    url: `https://${workspace.domain}.slack.com/`,
    domain: workspace.domain,
    email_domain: '',
    icon: { image_default: true, image_34: AVATAR, image_44: AVATAR, image_68: AVATAR, image_88: AVATAR, image_102: AVATAR, image_132: AVATAR },
    avatar_base_url: 'https://ca.slack-edge.com/',
    is_verified: false,
    ...(workspace.enterpriseId ? { enterprise_id: workspace.enterpriseId, enterprise_name: workspace.enterpriseName } : {}),
  };
}

export function slackUserGroup(group: UserGroup, includeUsers: boolean): SlackObject {
  return {
    id: group.id,
    team_id: group.teamId,
    is_usergroup: true,
    is_subteam: true,
    name: group.name,
    description: '',
    handle: group.handle,
    is_external: false,
    date_create: seconds(group.createdAt),
    date_update: seconds(group.createdAt),
    date_delete: 0,
    auto_type: null,
    created_by: SLACKBOT_ID,
    updated_by: SLACKBOT_ID,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(includeUsers ? { users: [...group.users] } : {}),
    user_count: group.users.length,
    channel_count: 0,
  };
}

function botProfile(workspace: Workspace, app: AppIdentity): SlackObject {
  return { id: workspace.botId, app_id: app.appId, name: app.appName, icons: { image_36: AVATAR, image_48: AVATAR, image_72: AVATAR }, deleted: false, updated: 0, team_id: workspace.teamId };
}

/** `metadata`: include the message's metadata (the post's own answer, and conversations.history when asked for). */
export function slackMessage(message: MessageRecord, workspace: Workspace, app: AppIdentity, files: FileRecord[] = [], options: { metadata?: boolean } = {}): SlackObject {
  const lastUpdate = message.updates[message.updates.length - 1];
  return {
    user: workspace.botUserId,
    type: 'message',
    ts: message.ts,
    bot_id: workspace.botId,
    app_id: app.appId,
    text: message.text,
    team: workspace.teamId,
    bot_profile: botProfile(workspace, app),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    ...(lastUpdate ? { edited: { user: workspace.botUserId, ts: msToTs(lastUpdate.at) } } : {}),
    ...(files.length > 0 ? { files: files.map((file) => slackFile(file, workspace)), upload: true } : {}),
    ...(options.metadata && message.metadata ? { metadata: structuredClone(message.metadata) } : {}),
  };
}

export function slackView(view: ViewRecord, workspace: Workspace, app: AppIdentity): SlackObject {
  return {
    id: view.id,
    team_id: view.teamId,
    type: view.type,
    private_metadata: '',
    callback_id: '',
    ...(view.type === 'home' ? { title: { type: 'plain_text', text: 'View Title', emoji: true } } : {}),
    close: null,
    submit: null,
    clear_on_close: false,
    notify_on_close: false,
    ...view.spec,
    external_id: view.externalId ?? '',
    state: { values: view.stateValues },
    hash: view.hash,
    previous_view_id: view.previousViewId,
    root_view_id: view.rootViewId,
    app_id: app.appId,
    app_installed_team_id: workspace.teamId,
    bot_id: workspace.botId,
  };
}

const MIME_TYPES: Record<string, string> = {
  txt: 'text/plain',
  csv: 'text/csv',
  ics: 'text/calendar',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
};

export function slackFile(file: FileRecord, workspace: Workspace): SlackObject {
  const extension = file.filename.includes('.') ? (file.filename.split('.').pop() ?? '').toLowerCase() : '';
  const channels = file.channel ? [file.channel] : [];
  return {
    id: file.id,
    created: seconds(file.createdAt),
    timestamp: seconds(file.createdAt),
    name: file.filename,
    title: file.title,
    mimetype: MIME_TYPES[extension] ?? 'application/octet-stream',
    filetype: extension || 'binary',
    pretty_type: extension.toUpperCase() || 'Binary',
    user: workspace.botUserId,
    user_team: workspace.teamId,
    editable: false,
    size: file.content?.length ?? file.declaredLength,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `https://files.slack.com/files-pri/${workspace.teamId}-${file.id}/${encodeURIComponent(file.filename)}`,
    url_private_download: `https://files.slack.com/files-pri/${workspace.teamId}-${file.id}/download/${encodeURIComponent(file.filename)}`,
    permalink: `https://${workspace.domain}.slack.com/files/${workspace.botUserId}/${file.id}/${encodeURIComponent(file.filename)}`,
    ...(file.altText ? { alt_txt: file.altText } : {}),
    channels: channels.filter((c) => c.startsWith('C')),
    groups: [],
    ims: channels.filter((c) => c.startsWith('D')),
    comments_count: 0,
  };
}
