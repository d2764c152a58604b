// The sandbox page's modules are plain browser ES modules with JSDoc types and no build step (src/sandbox/web, checked
// by `tsc -p src/sandbox/web`). Jest's swc transform turns them into CommonJS; this typed require is how tests load them.
import path from 'node:path';

const WEB_DIR = path.join(__dirname, '..', '..', '..', 'src', 'sandbox', 'web');

export type SlackObject = Record<string, unknown>;
export type StateValues = Record<string, Record<string, { type: string } & SlackObject>>;
export type RawValue = string | string[] | null;

export interface RenderContext {
  idPrefix: string;
  timeZone: string;
  users?: Record<string, { id: string; name: string; realName?: string }>;
  userList?: Array<{ id: string; name: string; realName?: string }>;
  conversations?: Array<{ id: string; name: string }>;
  state?: StateValues;
  errors?: Record<string, string> | null;
}

export interface ShownMessage {
  kind: 'message' | 'ephemeral';
  channel: string;
  ts: string;
  text: string;
  blocks: SlackObject[] | null;
  postedAt: number;
  updates: unknown[];
  deleted: boolean;
  files?: Array<{ id: string; filename: string; title?: string }>;
}

export interface ShownView {
  id: string;
  type: 'modal' | 'home';
  spec: SlackObject;
  hash: string;
  errors: Record<string, string> | null;
  stateValues: StateValues;
}

function load<T>(file: string): T {
  return require(path.join(WEB_DIR, file)) as T;
}

export const mrkdwn = load<{
  escapeHtml(text: string): string;
  renderMrkdwn(text: string, ctx?: { users?: RenderContext['users']; timeZone?: string }): string;
  renderPlainText(text: string, emoji?: boolean): string;
  renderTextObject(value: unknown, ctx?: { users?: RenderContext['users']; timeZone?: string }): string;
}>('mrkdwn.js');

export const blockKit = load<{
  renderBlocks(blocks: unknown, ctx: RenderContext): string;
  renderBlock(block: unknown, ctx: RenderContext): string;
}>('block-kit.js');

export const blockState = load<{
  stateEntry(element: SlackObject, raw: RawValue, timeZone: string): { type: string } & SlackObject;
  selectionFor(element: SlackObject, raw: RawValue, timeZone: string): SlackObject;
  controlValue(element: SlackObject, state: ({ type: string } & SlackObject) | undefined, timeZone: string): RawValue;
  clientSideErrors(blocks: SlackObject[], state: StateValues): Record<string, string>;
}>('block-state.js');

export const zonedTime = load<{
  toLocalInput(epochSeconds: number, timeZone: string): string;
  fromLocalInput(local: string, timeZone: string): number | null;
  formatDateTime(ms: number, timeZone: string): string;
}>('zoned-time.js');

export const surfaces = load<{
  renderMessage(message: ShownMessage, ctx: RenderContext & { appName: string; fileHref?: (fileId: string) => string }): string;
  renderHome(view: ShownView | null, ctx: RenderContext & { appName: string; userId: string }): string;
  renderModal(view: ShownView, depth: number, ctx: RenderContext): string;
}>('surfaces.js');

export interface CronofyState {
  now: string;
  people: Array<{ email: string; name: string; zone: string; provider: string; protocol?: string; connected: boolean; accountId?: string; conferencingAccounts: string[] }>;
  accounts: Array<{ accountId: string; authorized: boolean; profiles: Array<{ email: string; connected: boolean }>; conferencingProfiles: Array<{ provider: string; connected: boolean }> }>;
  events: Array<{ ownerEmail?: string; eventUid: string; eventId?: string; summary: string; start: string; end: string; deleted: boolean; attendees: Array<{ email: string; displayName?: string }>; conferencing?: { providerName: string; status: string; joinUrl?: string } }>;
}

export const calendars = load<{
  renderCalendars(state: CronofyState, ctx: { timeZone: string; people: Array<{ email: string; realName: string; role: string }>; viewerEmail?: string }): string;
}>('calendars.js');
