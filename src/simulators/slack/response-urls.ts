// response_url: one per command or interaction, 5 posts within 30 minutes, able to replace or delete the source message.
import { z } from 'zod';
import type { IdFactory } from './ids';
import type { Messaging } from './messaging';
import type { ResponseUrlPostRecord } from './records';
import type { SimStore } from './store';
import { flag } from './web-api/args';
import { SlackApiError } from './web-api/errors';

const RESPONSE_URL_MAX_POSTS = 5;
const RESPONSE_URL_TTL_MS = 30 * 60_000;

export interface ResponseUrlSource {
  teamId: string;
  userId: string;
  channel: string;
  /** The message the interaction happened on, if any. */
  message: { kind: 'message' | 'ephemeral'; ts: string } | null;
}

interface IssuedUrl {
  source: ResponseUrlSource;
  issuedAt: number;
  posts: number;
}

const responseBodySchema = z.looseObject({
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  response_type: z.string().optional(),
  replace_original: flag.optional(),
  delete_original: flag.optional(),
  thread_ts: z.string().optional(),
});

export interface ResponseUrlAnswer {
  status: number;
  body: { ok: boolean; error?: string };
}

export class ResponseUrls {
  private readonly issued = new Map<string, IssuedUrl>();

  constructor(
    private readonly messaging: Messaging,
    private readonly store: SimStore,
    private readonly ids: IdFactory,
    private readonly clock: () => number,
    private readonly baseUrl: () => string,
  ) {}

  issue(source: ResponseUrlSource): string {
    const id = this.ids.secret(16);
    this.issued.set(id, { source, issuedAt: this.clock(), posts: 0 });
    return `${this.baseUrl()}/response/${id}`;
  }

  receive(id: string, body: unknown): ResponseUrlAnswer {
    const issued = this.issued.get(id);
    if (!issued) return { status: 404, body: { ok: false, error: 'no_such_url' } };
    const answer = this.apply(issued, body);
    this.store.add<ResponseUrlPostRecord>({
      kind: 'responseUrlPost',
      url: `${this.baseUrl()}/response/${id}`,
      teamId: issued.source.teamId,
      userId: issued.source.userId,
      body,
      at: this.clock(),
      status: answer.status,
      ...(answer.body.error ? { error: answer.body.error } : {}),
    });
    return answer;
  }

  private apply(issued: IssuedUrl, body: unknown): ResponseUrlAnswer {
    if (this.clock() - issued.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (issued.posts >= RESPONSE_URL_MAX_POSTS) return { status: 404, body: { ok: false, error: 'used_url' } };
    const parsed = responseBodySchema.safeParse(body);
    if (!parsed.success) return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    issued.posts += 1;
    try {
      this.show(issued.source, parsed.data);
      return { status: 200, body: { ok: true } };
    } catch (error) {
      if (error instanceof SlackApiError) return { status: 400, body: { ok: false, error: error.code } };
      throw error;
    }
  }

  private show(source: ResponseUrlSource, response: z.output<typeof responseBodySchema>): void {
    const original = this.original(source);
    if (response.delete_original && original) return this.messaging.remove(original);
    if (response.replace_original && original) {
      return this.messaging.update(original, { text: response.text ?? '', blocks: response.blocks ?? [] }, 'response_url');
    }
    const content = { text: response.text, blocks: response.blocks, threadTs: response.thread_ts };
    if (response.response_type === 'in_channel') this.messaging.post(source.teamId, source.channel, content, 'response_url');
    else this.messaging.postEphemeral(source.teamId, source.channel, source.userId, content, 'response_url');
  }

  private original(source: ResponseUrlSource) {
    if (!source.message) return undefined;
    const { teamId, channel } = source;
    return source.message.kind === 'message'
      ? this.messaging.findMessage(teamId, channel, source.message.ts)
      : this.messaging.findEphemeral(teamId, channel, source.message.ts);
  }
}
