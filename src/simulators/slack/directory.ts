// Seeded workspaces and everything in them: users, user groups, channels and the bot's DMs.
import { createHash } from 'node:crypto';
import type { IdFactory } from './ids';
import { assertTimeZone } from './timezones';

export interface AppIdentity {
  appId: string;
  appName: string;
  clientId: string;
  clientSecret: string;
  signingSecret: string;
  /** The deprecated `token` field Slack still puts in every payload. */
  verificationToken: string;
  /** The app-level token (xapp-…, `connections:write`) Socket Mode connects with. */
  appToken: string;
}

export interface WorkspaceInput {
  teamId: string;
  name: string;
  domain?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** The scopes the bot token carries; left out, the token may call every method (scopes are not checked). */
  botScopes?: string[];
}

export interface Workspace {
  teamId: string;
  name: string;
  domain: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  botToken: string;
  botUserId: string;
  botId: string;
  /** Scopes granted to the bot token, or null when the simulator does not check them for this workspace. */
  botScopes: string[] | null;
}

export interface UserInput {
  id?: string;
  name: string;
  realName?: string;
  email?: string;
  /** IANA zone, default America/New_York. */
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
  isPrimaryOwner?: boolean;
  isBot?: boolean;
  isAppUser?: boolean;
  deleted?: boolean;
  isRestricted?: boolean;
  isUltraRestricted?: boolean;
}

export type UserPatch = Partial<Omit<UserInput, 'id'>>;

export interface SimUser {
  id: string;
  teamId: string;
  name: string;
  realName: string;
  email: string | null;
  tz: string;
  isAdmin: boolean;
  isOwner: boolean;
  isPrimaryOwner: boolean;
  isBot: boolean;
  isAppUser: boolean;
  deleted: boolean;
  isRestricted: boolean;
  isUltraRestricted: boolean;
  /** Set for the app's own bot user. */
  botId: string | null;
  updatedAt: number;
}

export interface UserGroupInput {
  id?: string;
  handle: string;
  name?: string;
  users: string[];
}

export interface UserGroup {
  id: string;
  teamId: string;
  handle: string;
  name: string;
  users: string[];
  createdAt: number;
}

export interface ChannelInput {
  id?: string;
  name: string;
  isPrivate?: boolean;
  members?: string[];
  /** Default true: the app's bot is in the channel. */
  botIsMember?: boolean;
}

export interface Conversation {
  id: string;
  teamId: string;
  type: 'im' | 'mpim' | 'channel';
  name: string;
  isPrivate: boolean;
  members: string[];
  /** For the bot's DM with one person: that person. */
  imUserId: string | null;
  createdAt: number;
}

export const SLACKBOT_ID = 'USLACKBOT';
const DEFAULT_TZ = 'America/New_York';

function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class Directory {
  private readonly workspacesById = new Map<string, Workspace>();
  private readonly workspaceIdByTokenDigest = new Map<string, string>();
  private readonly usersByTeam = new Map<string, Map<string, SimUser>>();
  private readonly groupsByTeam = new Map<string, UserGroup[]>();
  private readonly conversationsByTeam = new Map<string, Map<string, Conversation>>();
  private readonly imIdByTeamUser = new Map<string, string>();

  constructor(
    private readonly app: AppIdentity,
    private readonly ids: IdFactory,
    private readonly clock: () => number,
  ) {}

  addWorkspace(input: WorkspaceInput): Workspace {
    if (this.workspacesById.has(input.teamId)) throw new Error(`Workspace ${input.teamId} already exists`);
    const botUserId = this.unusedUserId();
    const workspace: Workspace = {
      teamId: input.teamId,
      name: input.name,
      domain: input.domain ?? input.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-'),
      enterpriseId: input.enterpriseId ?? null,
      enterpriseName: input.enterpriseId ? (input.enterpriseName ?? `${input.name} Grid`) : null,
      botToken: `xoxb-${input.teamId}-${botUserId}-${this.ids.secret(12)}`,
      botUserId,
      botId: this.ids.next('B'),
      botScopes: input.botScopes ? [...new Set(input.botScopes)] : null,
    };
    this.workspacesById.set(workspace.teamId, workspace);
    this.workspaceIdByTokenDigest.set(tokenDigest(workspace.botToken), workspace.teamId);
    this.usersByTeam.set(workspace.teamId, new Map());
    this.groupsByTeam.set(workspace.teamId, []);
    this.conversationsByTeam.set(workspace.teamId, new Map());
    this.storeUser(this.newUser(workspace.teamId, { id: SLACKBOT_ID, name: 'slackbot', realName: 'Slackbot', tz: 'America/Los_Angeles' }));
    this.storeUser({
      ...this.newUser(workspace.teamId, { id: botUserId, name: this.app.appName.toLowerCase(), realName: this.app.appName, isBot: true }),
      botId: workspace.botId,
    });
    return workspace;
  }

  workspaces(): Workspace[] {
    return [...this.workspacesById.values()];
  }

  workspace(teamId: string): Workspace | undefined {
    return this.workspacesById.get(teamId);
  }

  requireWorkspace(teamId: string): Workspace {
    const workspace = this.workspacesById.get(teamId);
    if (!workspace) throw new Error(`Unknown workspace ${teamId}; seed it with addWorkspace()`);
    return workspace;
  }

  /** Replaces the bot token's scopes (null: stop checking them), e.g. to play a workspace installed long ago. */
  setBotScopes(teamId: string, scopes: string[] | null): Workspace {
    const workspace = this.requireWorkspace(teamId);
    workspace.botScopes = scopes ? [...new Set(scopes)] : null;
    return workspace;
  }

  /** An install or reinstall: Slack adds the newly granted scopes to those the bot token already had. */
  grantBotScopes(teamId: string, scopes: string[]): string[] {
    const workspace = this.requireWorkspace(teamId);
    workspace.botScopes = [...new Set([...(workspace.botScopes ?? []), ...scopes])];
    return [...workspace.botScopes];
  }

  workspaceByToken(token: string): Workspace | undefined {
    const teamId = this.workspaceIdByTokenDigest.get(tokenDigest(token));
    return teamId ? this.workspacesById.get(teamId) : undefined;
  }

  addUser(teamId: string, input: UserInput): SimUser {
    this.requireWorkspace(teamId);
    if (input.id && this.user(teamId, input.id)) throw new Error(`User ${input.id} already exists in ${teamId}`);
    return this.storeUser(this.newUser(teamId, input));
  }

  updateUser(teamId: string, userId: string, patch: UserPatch): SimUser {
    const user = this.user(teamId, userId);
    if (!user) throw new Error(`Unknown user ${userId} in ${teamId}`);
    if (patch.tz) assertTimeZone(patch.tz);
    const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    return this.storeUser({ ...user, ...defined, updatedAt: this.clock() });
  }

  user(teamId: string, userId: string): SimUser | undefined {
    return this.usersByTeam.get(teamId)?.get(userId);
  }

  /** The user's workspace, which must be unambiguous unless `teamId` is given. */
  locateUser(userId: string, teamId?: string): SimUser {
    if (teamId) {
      const user = this.user(teamId, userId);
      if (!user) throw new Error(`Unknown user ${userId} in workspace ${teamId}`);
      return user;
    }
    const matches = [...this.usersByTeam.values()].flatMap((users) => users.get(userId) ?? []);
    if (matches.length === 0) throw new Error(`Unknown user ${userId}; seed it with addUser()`);
    if (matches.length > 1) throw new Error(`User ${userId} is in several workspaces; pass teamId`);
    return matches[0];
  }

  usersOf(teamId: string): SimUser[] {
    return [...(this.usersByTeam.get(teamId)?.values() ?? [])];
  }

  findUserByEmail(teamId: string, email: string): SimUser | undefined {
    const wanted = email.toLowerCase();
    return this.usersOf(teamId).find((user) => user.email?.toLowerCase() === wanted);
  }

  addUserGroup(teamId: string, input: UserGroupInput): UserGroup {
    this.requireWorkspace(teamId);
    for (const userId of input.users) this.locateUser(userId, teamId);
    const group: UserGroup = {
      id: input.id ?? this.ids.next('S'),
      teamId,
      handle: input.handle,
      name: input.name ?? input.handle,
      users: [...input.users],
      createdAt: this.clock(),
    };
    this.groupsByTeam.get(teamId)?.push(group);
    return group;
  }

  userGroups(teamId: string): UserGroup[] {
    return [...(this.groupsByTeam.get(teamId) ?? [])];
  }

  addChannel(teamId: string, input: ChannelInput): Conversation {
    const workspace = this.requireWorkspace(teamId);
    const members = [...(input.members ?? [])];
    if (input.botIsMember ?? true) members.push(workspace.botUserId);
    return this.storeConversation({
      id: input.id ?? this.unusedConversationId(teamId),
      teamId,
      type: 'channel',
      name: input.name,
      isPrivate: input.isPrivate ?? false,
      members,
      imUserId: null,
      createdAt: this.clock(),
    });
  }

  /** The bot's DM with one person; the same id every time. */
  openIm(teamId: string, userId: string): Conversation {
    const key = `${teamId}:${userId}`;
    const existing = this.imIdByTeamUser.get(key);
    if (existing) return this.requireConversation(teamId, existing);
    const workspace = this.requireWorkspace(teamId);
    const conversation = this.storeConversation({
      id: this.ids.next('D'),
      teamId,
      type: 'im',
      name: userId,
      isPrivate: true,
      members: [userId, workspace.botUserId],
      imUserId: userId,
      createdAt: this.clock(),
    });
    this.imIdByTeamUser.set(key, conversation.id);
    return conversation;
  }

  /** The bot's DM with the person if it was ever opened; never opens one. */
  existingIm(teamId: string, userId: string): Conversation | undefined {
    const id = this.imIdByTeamUser.get(`${teamId}:${userId}`);
    return id ? this.conversation(teamId, id) : undefined;
  }

  openMpim(teamId: string, userIds: string[]): Conversation {
    const workspace = this.requireWorkspace(teamId);
    const members = [...new Set([...userIds, workspace.botUserId])].sort();
    const existing = this.conversationsOf(teamId).find((c) => c.type === 'mpim' && c.members.join() === members.join());
    if (existing) return existing;
    return this.storeConversation({
      id: this.unusedConversationId(teamId),
      teamId,
      type: 'mpim',
      name: `mpdm-${members.join('--')}`,
      isPrivate: true,
      members,
      imUserId: null,
      createdAt: this.clock(),
    });
  }

  conversation(teamId: string, id: string): Conversation | undefined {
    return this.conversationsByTeam.get(teamId)?.get(id);
  }

  conversationsOf(teamId: string): Conversation[] {
    return [...(this.conversationsByTeam.get(teamId)?.values() ?? [])];
  }

  private requireConversation(teamId: string, id: string): Conversation {
    const conversation = this.conversation(teamId, id);
    if (!conversation) throw new Error(`Unknown conversation ${id} in ${teamId}`);
    return conversation;
  }

  /** Generated ids skip any that were seeded explicitly. */
  private unusedUserId(): string {
    let id = this.ids.next('U');
    while ([...this.usersByTeam.values()].some((users) => users.has(id))) id = this.ids.next('U');
    return id;
  }

  private unusedConversationId(teamId: string): string {
    let id = this.ids.next('C');
    while (this.conversation(teamId, id)) id = this.ids.next('C');
    return id;
  }

  private newUser(teamId: string, input: UserInput): SimUser {
    const tz = input.tz ?? DEFAULT_TZ;
    assertTimeZone(tz);
    return {
      id: input.id ?? this.unusedUserId(),
      teamId,
      name: input.name,
      realName: input.realName ?? input.name,
      email: input.email ?? null,
      tz,
      isAdmin: input.isAdmin ?? false,
      isOwner: input.isOwner ?? false,
      isPrimaryOwner: input.isPrimaryOwner ?? false,
      isBot: input.isBot ?? false,
      isAppUser: input.isAppUser ?? false,
      deleted: input.deleted ?? false,
      isRestricted: input.isRestricted ?? false,
      isUltraRestricted: input.isUltraRestricted ?? false,
      botId: null,
      updatedAt: this.clock(),
    };
  }

  private storeUser(user: SimUser): SimUser {
    this.usersByTeam.get(user.teamId)?.set(user.id, user);
    return user;
  }

  private storeConversation(conversation: Conversation): Conversation {
    const conversations = this.conversationsByTeam.get(conversation.teamId);
    if (conversations?.has(conversation.id)) throw new Error(`Conversation ${conversation.id} already exists`);
    conversations?.set(conversation.id, conversation);
    return conversation;
  }
}
