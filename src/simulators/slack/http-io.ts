// Small helpers for node:http: buffer a body, describe an answer as data, write it.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** JSON with Buffers (file contents) as base64 strings. */
function toJson(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key: string, encoded: unknown) {
    const raw = this[key];
    return Buffer.isBuffer(raw) ? raw.toString('base64') : encoded;
  });
}

export function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): HttpAnswer {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: toJson(body) };
}

export function textAnswer(status: number, body: string, contentType = 'text/plain; charset=utf-8'): HttpAnswer {
  return { status, headers: { 'content-type': contentType }, body };
}

export function redirectAnswer(location: string): HttpAnswer {
  return { status: 302, headers: { location }, body: '' };
}

export function writeAnswer(res: ServerResponse, answer: HttpAnswer): void {
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
