// What the simulator remembers: every Web API call and everything the app made Slack show.

export type SlackObject = Record<string, unknown>;

export interface ApiCallRecord {
  kind: 'apiCall';
  method: string;
  teamId: string | null;
  args: SlackObject;
  at: number;
  status: number;
  error?: string;
}

export interface MessageUpdate {
  at: number;
  text: string;
  blocks: SlackObject[] | null;
  via: 'chat.update' | 'response_url';
}

export interface MessageRecord {
  kind: 'message';
  teamId: string;
  channel: string;
  ts: string;
  text: string;
  blocks: SlackObject[] | null;
  threadTs: string | null;
  /** The bot user that posted it. */
  userId: string;
  fileIds: string[];
  via: 'chat.postMessage' | 'response_url' | 'command_ack' | 'files.completeUploadExternal';
  postedAt: number;
  updates: MessageUpdate[];
  deleted: boolean;
  /** Message metadata the app attached (`metadata` on chat.postMessage). */
  metadata?: { event_type: string; event_payload: SlackObject } | null;
}

export interface EphemeralRecord {
  kind: 'ephemeral';
  teamId: string;
  channel: string;
  /** The only person who sees it. */
  userId: string;
  ts: string;
  text: string;
  blocks: SlackObject[] | null;
  threadTs: string | null;
  via: 'chat.postEphemeral' | 'response_url' | 'command_ack';
  postedAt: number;
  updates: MessageUpdate[];
  deleted: boolean;
}

export type ActionState = { type: string } & SlackObject;
export type StateValues = Record<string, Record<string, ActionState>>;

export interface ViewRecord {
  kind: 'view';
  id: string;
  teamId: string;
  userId: string;
  type: 'modal' | 'home';
  /** The view as the app sent it, with the block and action ids Slack fills in. */
  spec: SlackObject;
  hash: string;
  externalId: string | null;
  rootViewId: string;
  previousViewId: string | null;
  stateValues: StateValues;
  /** Errors shown under input blocks after a `response_action: 'errors'`. */
  errors: Record<string, string> | null;
  status: 'open' | 'closed';
  createdAt: number;
  updatedAt: number;
}

export interface FileRecord {
  kind: 'file';
  id: string;
  teamId: string;
  filename: string;
  title: string;
  declaredLength: number;
  content: Buffer | null;
  altText: string | null;
  channel: string | null;
  initialComment: string | null;
  threadTs: string | null;
  createdAt: number;
  completed: boolean;
}

export interface ResponseUrlPostRecord {
  kind: 'responseUrlPost';
  url: string;
  teamId: string;
  userId: string;
  body: unknown;
  at: number;
  status: number;
  error?: string;
}

export interface RateLimitRecord {
  kind: 'rateLimited';
  method: string;
  teamId: string | null;
  bucket: string;
  retryAfterSec: number;
  at: number;
}

export interface DeliveryRecord {
  kind: 'delivery';
  /** `slash_command`, `block_actions`, `view_submission`, `view_closed` or `event_callback`. */
  type: string;
  teamId: string;
  userId: string | null;
  status: number;
  body: unknown;
  ackMs: number;
  at: number;
}

export type SimRecord =
  | ApiCallRecord
  | MessageRecord
  | EphemeralRecord
  | ViewRecord
  | FileRecord
  | ResponseUrlPostRecord
  | RateLimitRecord
  | DeliveryRecord;

export type RecordKind = SimRecord['kind'];
export type RecordOfKind<K extends RecordKind> = Extract<SimRecord, { kind: K }>;

export function describeRecord(record: SimRecord): string {
  switch (record.kind) {
    case 'apiCall':
      return `apiCall ${record.method} → ${record.status}${record.error ? ` ${record.error}` : ''}`;
    case 'message':
    case 'ephemeral':
      return `${record.kind} in ${record.channel} ts=${record.ts}${record.deleted ? ' (deleted)' : ''}: ${JSON.stringify(record.text.slice(0, 60))}`;
    case 'view':
      return `view ${record.id} (${record.type}, ${record.status}) for ${record.userId} callback_id=${String(record.spec.callback_id ?? '')}`;
    case 'file':
      return `file ${record.id} ${record.filename}${record.completed ? '' : ' (not completed)'}`;
    case 'responseUrlPost':
      return `responseUrlPost → ${record.status}`;
    case 'rateLimited':
      return `rateLimited ${record.method} retry after ${record.retryAfterSec}s`;
    case 'delivery':
      return `delivery ${record.type} → ${record.status}`;
  }
}
