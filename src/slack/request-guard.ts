// Stands in front of Bolt's HTTP receiver on the Slack endpoint and is the one place Slack's signature is checked
// (Bolt's receiver is built with its own check off, so each request is verified and its body read once, not twice):
// - reads the body within the size limit (413 over it);
// - refuses unsigned, badly signed and stale requests with 401, as Bolt would; Slack's unsigned `ssl_check` ping
//   goes on with anything smuggled beside it stripped, as Bolt does;
// - answers 400 to a validly signed body Bolt cannot handle (a JSON `null` makes Bolt's receiver throw outside any
//   handler, which would end the process);
// - refuses replays with 401 before Bolt acknowledges anything. One exception: an event marked as Slack's retry
//   (X-Slack-Retry-Num) is passed on even when its signature was seen, in case Slack resends the same signed bytes;
//   the event id makes it a no-op (see middleware.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import { HTTPModuleFunctions, isValidSlackRequest, type BufferedIncomingMessage, type HTTPReceiver } from '@slack/bolt';
import { AppError } from '../errors';
import { readRawBody } from '../http/route';
import type { Logger } from '../platform/logger';
import type { ReplayGuard } from './replay-guard';

export interface SlackRequestGuardOptions {
  endpoint: string;
  signingSecret: string;
  bodyLimit: number;
  replays: ReplayGuard;
  logger: Logger;
  /** Answers a request Bolt's router threw on (unknown path, undecodable URL). */
  onDispatchError(error: unknown, req: IncomingMessage, res: ServerResponse): void;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, headers);
  res.end();
}

/**
 * Whether Bolt will read the body as an object, judged by its first character (Bolt reads properties of whatever it
 * parsed, and a JSON `null` throws outside any handler). Parsing the whole body here would double every request's
 * parsing; a body that starts like an object but is broken gets Bolt's own 400.
 */
function looksLikeObject(contentType: string | undefined, text: string): boolean {
  if (contentType === 'application/x-www-form-urlencoded') {
    // Commands are plain forms (an object); interactions carry their JSON in `payload`.
    const payload = /(?:^|&)payload=([^&]*)/.exec(text);
    return !payload || /^(?:\+|%20|%09|%0a|%0d)*(?:%7b|\{)/i.test(payload[1]);
  }
  return /^\s*\{/.test(text);
}

const SSL_CHECK_BODY = 'ssl_check=1';

/** Slack's unsigned ping to check the certificate, judged as Bolt judges it (a form whose `ssl_check` is exactly "1"). */
function isSslCheck(contentType: string | undefined, text: string): boolean {
  return contentType === 'application/x-www-form-urlencoded' && parseQueryString(text).ssl_check === '1';
}

/** The body's `type`, parsed as Bolt parses it (only for the rare request that needs it). */
function bodyType(req: BufferedIncomingMessage): unknown {
  try {
    return (HTTPModuleFunctions.parseHTTPRequestBody(req) as { type?: unknown }).type;
  } catch {
    return undefined;
  }
}

export function guardSlackRequests(receiver: HTTPReceiver, options: SlackRequestGuardOptions): void {
  const { endpoint, signingSecret, bodyLimit, replays, logger } = options;
  const bolt = receiver.requestListener;

  const pass = (req: IncomingMessage, res: ServerResponse) => {
    try {
      bolt(req, res);
    } catch (error) {
      options.onDispatchError(error, req, res);
    }
  };

  /** True when the request may go on to Bolt; otherwise it has been answered. */
  async function screen(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    let raw: Buffer;
    try {
      raw = await readRawBody(req, bodyLimit);
    } catch (error) {
      if (error instanceof AppError && error.details?.status === 413) {
        logger.warn('refused a Slack request over the size limit', { limit: bodyLimit });
        answer(res, 413, { Connection: 'close' });
        return false;
      }
      throw error;
    }
    // Bolt reads `rawBody` instead of the stream when it is already there.
    const buffered = Object.assign(req, { rawBody: raw }) as BufferedIncomingMessage;
    const signature = header(req, 'x-slack-signature');
    const timestamp = Number(header(req, 'x-slack-request-timestamp'));
    const text = raw.toString();
    const contentType = header(req, 'content-type');
    if (!signature || !isValidSlackRequest({ signingSecret, body: text, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } })) {
      if (isSslCheck(contentType, text)) {
        buffered.rawBody = Buffer.from(SSL_CHECK_BODY);
        return true;
      }
      logger.warn('refused a Slack request without a valid signature (unsigned, badly signed, or signed over five minutes ago)');
      answer(res, 401);
      return false;
    }
    if (!looksLikeObject(contentType, text)) {
      logger.warn('refused a signed Slack request whose body is not an object');
      answer(res, 400);
      return false;
    }
    if (await replays.firstReceipt(signature)) return true;
    const retryNum = header(req, 'x-slack-retry-num');
    if (retryNum !== undefined && bodyType(buffered) === 'event_callback') return true;
    logger.warn('refused a replayed Slack request', { retryNum });
    answer(res, 401);
    return false;
  }

  receiver.requestListener = (req, res) => {
    // Matched exactly as Bolt's router matches its endpoint: with Bolt's own check off, no request may reach it
    // past this guard.
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method?.toUpperCase() !== 'POST' || path !== endpoint) {
      bolt(req, res);
      return;
    }
    screen(req, res).then(
      (proceed) => {
        if (proceed) pass(req, res);
      },
      (error: unknown) => {
        logger.error('could not screen a Slack request', { error: error instanceof Error ? error.message : String(error) });
        answer(res, 503);
      },
    );
  };
}
