// createSlackSimulator: wires the parts, starts the HTTP server, and exposes seeding, records and the driver.
import type { Server } from 'node:http';
import { AnswerDelays } from './answer-delays';
import type { DeliveryResult } from './app-delivery';
import type { SimulatorContext } from './context';
import { type AppIdentity, type ChannelInput, Directory, type UserGroupInput, type UserInput, type UserPatch, type Workspace, type WorkspaceInput } from './directory';
import {
  type ClickButtonInput,
  type CloseViewInput,
  type EventResult,
  type InteractInput,
  type InteractionResult,
  type SendEventInput,
  SlackDriver,
  type SlashCommandInput,
  type SlashCommandResult,
  type SubmitViewInput,
  type SubmitViewResult,
} from './driver';
import { FileUploads } from './file-uploads';
import { IdFactory } from './ids';
import { Messaging } from './messaging';
import { OAuthGrants } from './oauth-grants';
import { RateLimiter } from './rate-limits';
import type {
  ApiCallRecord,
  DeliveryRecord,
  EphemeralRecord,
  FileRecord,
  MessageRecord,
  RateLimitRecord,
  ResponseUrlPostRecord,
  SimRecord,
  SlackObject,
  ViewRecord,
} from './records';
import { ResponseUrls } from './response-urls';
import { listen } from './server';
import { type SlackSignatureHeaders, signRequest } from './signing';
import { type SlackUserObject, slackUser, slackUserGroup } from './slack-shapes';
import { SocketModeHub } from './socket-mode';
import { type Change, SimStore, type WaitForOptions } from './store';
import { TriggerRegistry } from './triggers';
import { ViewStacks } from './view-stacks';

export interface SlackSimulatorOptions {
  signingSecret: string;
  /** Where commands, interactions and events are delivered, e.g. http://127.0.0.1:3000/slack/events. */
  appUrl?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  enforceRateLimits?: boolean;
  /** Multiplies every allowed rate (and burst); use a large number in tests that are not about rate limits. */
  rateLimitScale?: number;
  /** Milliseconds; drives trigger and response_url expiry, rate limits, timestamps. */
  clock?: () => number;
  clientId?: string;
  clientSecret?: string;
  /** The app's display name, also its bot user's name (lowercased). Default "Slotline". */
  appName?: string;
}

export class SlackSimulator {
  /** Web API base for `slackApiUrl`, with the trailing slash Slack clients need. */
  readonly apiUrl: string;

  constructor(
    private readonly sim: SimulatorContext,
    private readonly driver: SlackDriver,
    private readonly server: Server,
    readonly url: string,
    private readonly setAppUrlTo: (url: string) => void,
  ) {
    this.apiUrl = `${url}/api/`;
  }

  get appId(): string {
    return this.sim.app.appId;
  }

  get clientId(): string {
    return this.sim.app.clientId;
  }

  get clientSecret(): string {
    return this.sim.app.clientSecret;
  }

  /** The app-level token for Socket Mode (SLACK_APP_TOKEN). */
  get appToken(): string {
    return this.sim.app.appToken;
  }

  /** Open Socket Mode connections of the app. */
  get socketConnections(): number {
    return this.sim.socketMode.connections;
  }

  /** Cuts the app's Socket Mode connections, as a network failure would (the app is expected to reconnect). */
  dropSocketConnections(): void {
    this.sim.socketMode.dropConnections();
  }

  setAppUrl(url: string): void {
    this.setAppUrlTo(url);
  }

  async stop(): Promise<void> {
    this.sim.store.close();
    await this.sim.socketMode.close();
    const closed = new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    this.server.closeAllConnections();
    await closed;
  }

  signRequest(rawBody: string, timestampSec?: number): SlackSignatureHeaders {
    return signRequest(this.sim.app.signingSecret, rawBody, timestampSec);
  }

  // Seeding

  addWorkspace(input: WorkspaceInput): Workspace {
    return { ...this.sim.directory.addWorkspace(input) };
  }

  /** The scopes the workspace's bot token carries (null: not checked), e.g. an install from before a scope was added. */
  setBotScopes(teamId: string, scopes: string[] | null): void {
    this.sim.directory.setBotScopes(teamId, scopes);
  }

  /** Carries out `method` calls at once but answers them `delayMs` later (null: at once again), like a slow Slack. */
  delayAnswers(method: string, delayMs: number | null): void {
    this.sim.answerDelays.set(method, delayMs);
  }

  addUser(teamId: string, input: UserInput): SlackUserObject {
    return this.renderUser(this.sim.directory.addUser(teamId, input).id, teamId);
  }

  updateUser(teamId: string, userId: string, patch: UserPatch): SlackUserObject {
    return this.renderUser(this.sim.directory.updateUser(teamId, userId, patch).id, teamId);
  }

  addUserGroup(teamId: string, input: UserGroupInput): SlackObject {
    return slackUserGroup(this.sim.directory.addUserGroup(teamId, input), true);
  }

  addChannel(teamId: string, input: ChannelInput): { id: string; name: string } {
    const { id, name } = this.sim.directory.addChannel(teamId, input);
    return { id, name };
  }

  // Records

  get seq(): number {
    return this.sim.store.seq;
  }

  changesSince(seq: number): Change[] {
    return this.sim.store.changesSince(seq);
  }

  waitFor<R extends SimRecord>(predicate: (record: SimRecord) => record is R, options?: WaitForOptions): Promise<R>;
  waitFor(predicate: (record: SimRecord) => boolean, options?: WaitForOptions): Promise<SimRecord>;
  waitFor(predicate: (record: SimRecord) => boolean, options?: WaitForOptions): Promise<SimRecord> {
    return this.sim.store.waitFor(predicate, options);
  }

  apiCalls(method?: string): ApiCallRecord[] {
    return this.sim.store.list('apiCall').filter((call) => method === undefined || call.method === method);
  }

  messages(channel?: string): MessageRecord[] {
    return this.sim.store.list('message').filter((message) => channel === undefined || message.channel === channel);
  }

  /** Messages (deleted ones included, flagged) in the bot's DM with the person. */
  dmsTo(userId: string): MessageRecord[];
  dmsTo(teamId: string, userId: string): MessageRecord[];
  dmsTo(...ids: [string] | [string, string]): MessageRecord[] {
    const [teamId, userId] = ids.length === 2 ? ids : [undefined, ids[0]];
    const user = this.sim.directory.locateUser(userId, teamId);
    const im = this.sim.directory.existingIm(user.teamId, user.id);
    return im ? this.sim.store.list('message').filter((m) => m.teamId === user.teamId && m.channel === im.id) : [];
  }

  lastDmTo(userId: string, teamId?: string): MessageRecord | undefined {
    return (teamId ? this.dmsTo(teamId, userId) : this.dmsTo(userId)).at(-1);
  }

  ephemerals(userId?: string): EphemeralRecord[] {
    return this.sim.store.list('ephemeral').filter((ephemeral) => userId === undefined || ephemeral.userId === userId);
  }

  views(): ViewRecord[] {
    return this.sim.store.list('view');
  }

  /** The person's open modals, root first. */
  openModals(userId: string, teamId?: string): ViewRecord[] {
    const user = this.sim.directory.locateUser(userId, teamId);
    return this.sim.views.stack(user.teamId, user.id);
  }

  homeView(userId: string, teamId?: string): ViewRecord | undefined {
    const user = this.sim.directory.locateUser(userId, teamId);
    return this.sim.views.home(user.teamId, user.id);
  }

  files(): FileRecord[] {
    return this.sim.store.list('file');
  }

  responseUrlPosts(): ResponseUrlPostRecord[] {
    return this.sim.store.list('responseUrlPost');
  }

  rateLimitHits(): RateLimitRecord[] {
    return this.sim.store.list('rateLimited');
  }

  deliveries(): DeliveryRecord[] {
    return this.sim.store.list('delivery');
  }

  // Acting as Slack towards the app

  issueTriggerId(teamId: string, userId: string): string {
    return this.driver.issueTriggerId(teamId, userId);
  }

  slashCommand(input: SlashCommandInput): Promise<SlashCommandResult> {
    return this.driver.slashCommand(input);
  }

  clickButton(input: ClickButtonInput): Promise<InteractionResult> {
    return this.driver.clickButton(input);
  }

  interact(input: InteractInput): Promise<InteractionResult> {
    return this.driver.interact(input);
  }

  sendInteractionPayload(teamId: string, payload: SlackObject): Promise<DeliveryResult> {
    return this.driver.sendInteractionPayload(teamId, payload);
  }

  submitView(input: SubmitViewInput): Promise<SubmitViewResult> {
    return this.driver.submitView(input);
  }

  closeView(input: CloseViewInput): Promise<DeliveryResult | null> {
    return this.driver.closeView(input);
  }

  sendEvent(input: SendEventInput): Promise<EventResult> {
    return this.driver.sendEvent(input);
  }

  openHome(teamId: string, userId: string, tab?: 'home' | 'messages'): Promise<EventResult> {
    return this.driver.openHome(teamId, userId, tab);
  }

  private renderUser(userId: string, teamId: string): SlackUserObject {
    const workspace = this.sim.directory.requireWorkspace(teamId);
    const user = this.sim.directory.locateUser(userId, teamId);
    return slackUser(user, workspace, this.sim.app, this.sim.clock());
  }
}

export async function createSlackSimulator(options: SlackSimulatorOptions): Promise<SlackSimulator> {
  const clock = options.clock ?? Date.now;
  const ids = new IdFactory(clock);
  const appId = ids.next('A');
  const app: AppIdentity = {
    appId,
    appName: options.appName ?? 'Slotline',
    clientId: options.clientId ?? `${Math.floor(clock() / 1000)}.${parseInt(ids.secret(4), 16)}`,
    clientSecret: options.clientSecret ?? ids.secret(16),
    signingSecret: options.signingSecret,
    verificationToken: ids.secret(12),
    appToken: `xapp-1-${appId}-${Math.floor(clock() / 1000)}-${ids.secret(16)}`,
  };
  let baseUrl = '';
  let appUrl = options.appUrl;
  const store = new SimStore();
  const directory = new Directory(app, ids, clock);
  const messaging = new Messaging(directory, store, ids, clock);
  const sim: SimulatorContext = {
    app,
    clock,
    ids,
    directory,
    store,
    messaging,
    triggers: new TriggerRegistry(ids, clock),
    views: new ViewStacks(store, ids, clock),
    responseUrls: new ResponseUrls(messaging, store, ids, clock, () => baseUrl),
    uploads: new FileUploads(store, messaging, ids, clock, () => baseUrl),
    oauthGrants: new OAuthGrants(ids, clock),
    rateLimiter: (options.enforceRateLimits ?? true) ? new RateLimiter(options.rateLimitScale ?? 1) : null,
    answerDelays: new AnswerDelays(),
    socketMode: new SocketModeHub(ids, app.appId),
    baseUrl: () => baseUrl,
    appUrl: () => appUrl,
  };
  const driver = new SlackDriver(sim);
  const { server, url } = await listen(sim, driver, options.host ?? '127.0.0.1', options.port ?? 0);
  baseUrl = url;
  return new SlackSimulator(sim, driver, server, url, (next) => {
    appUrl = next;
  });
}
