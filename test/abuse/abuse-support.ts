// Tools of the abuse suite: hostile requests sent over raw HTTP through a bounded pool, deterministic fuzz
// material, and read-only views of the database (a content snapshot, a search for tokens in plain text).
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import Database from 'better-sqlite3';

/** `refused`: must get a 4xx. `harmless`: a public page or an idempotent redelivery; must not get a 5xx or change anything. */
export type Expectation = 'refused' | 'harmless';

export interface Attack {
  /** The route pattern this request aims at (as the app declares it), so coverage can be checked. */
  route: string;
  kind: 'malformed' | 'unsigned' | 'bad-signature' | 'stale-signed' | 'replayed' | 'oversized' | 'forged' | 'cross-user' | 'probe';
  method: string;
  /** Sent as is on the request line (may hold broken percent-encoding). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Streams this many bytes with chunked transfer encoding instead of `body` (no Content-Length). */
  streamBytes?: number;
  expect: Expectation;
  /** A stricter check of the status than `expect`, e.g. 401 for signatures or 413 for sizes. */
  status?: number;
}

export interface Outcome {
  attack: Attack;
  status: number | null;
  error?: string;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One request over node:http, so headers, bodies and the request line are exactly what the attack says. */
export function send(baseUrl: string, attack: Attack, timeoutMs = 15_000): Promise<Outcome> {
  const { hostname, port } = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | null, error?: string) => {
      if (settled) return;
      settled = true;
      resolve({ attack, status, error, ms: Math.round(performance.now() - started) });
    };
    const body = attack.body === undefined ? undefined : Buffer.isBuffer(attack.body) ? attack.body : Buffer.from(attack.body);
    const headers: Record<string, string> = { ...attack.headers };
    if (body && attack.streamBytes === undefined) headers['content-length'] = String(body.length);
    const request = http.request({ host: hostname, port, method: attack.method, path: attack.path, headers, agent, timeout: timeoutMs }, (response) => {
      response.resume();
      response.on('end', () => finish(response.statusCode ?? null));
      response.on('error', () => finish(response.statusCode ?? null));
      // A server may answer before it read everything (413): stop sending then.
      if (attack.streamBytes !== undefined || (body && body.length > 1024 * 1024)) request.destroy();
      finish(response.statusCode ?? null);
    });
    request.on('timeout', () => {
      request.destroy();
      finish(null, 'timeout');
    });
    request.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message));
    if (attack.streamBytes !== undefined) {
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let left = attack.streamBytes;
      const pump = () => {
        while (left > 0 && !request.destroyed) {
          const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
          left -= piece.length;
          if (!request.write(piece)) {
            request.once('drain', pump);
            return;
          }
        }
        if (!request.destroyed) request.end();
      };
      pump();
    } else {
      request.end(body);
    }
  });
}

/** Writes bytes that are not valid HTTP straight to the socket; resolves with the status the server answered (null if none). */
export function sendRawHttp(baseUrl: string, bytes: string, timeoutMs = 5_000): Promise<number | null> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    let received = '';
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    const done = () => {
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      resolve(match ? Number(match[1]) : null);
    };
    socket.setTimeout(timeoutMs, done);
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) done();
    });
    socket.on('end', done);
    socket.on('error', done);
  });
}

/** Runs every attack with at most `limit` in flight. */
export async function fire(baseUrl: string, attacks: readonly Attack[], limit = 32): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(attacks.length);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < attacks.length; index = next++) outcomes[index] = await send(baseUrl, attacks[index]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, attacks.length) }, worker));
  return outcomes;
}

/** Outcomes that break their attack's expectation, described one per line (empty when all is well). */
export function violations(outcomes: readonly Outcome[]): string[] {
  return outcomes.flatMap(({ attack, status, error }) => {
    const what = `${attack.kind} ${attack.method} ${attack.path.slice(0, 120)}`;
    if (status === null) return [`${what}: no HTTP answer (${error})`];
    if (status >= 500) return [`${what}: ${status}`];
    if (attack.status !== undefined && status !== attack.status) return [`${what}: ${status}, expected ${attack.status}`];
    if (attack.expect === 'refused' && (status < 400 || status >= 500)) return [`${what}: ${status}, expected a 4xx`];
    return [];
  });
}

export function slackSignature(secret: string, body: string, timestampSec: number): Record<string, string> {
  const hex = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${hex}`, 'x-slack-request-timestamp': String(timestampSec) };
}

export function cronofyHmac(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** A small seeded generator, so every run sends the same hostile material. */
export function seeded(seed: number): { int(max: number): number; pick<T>(items: readonly T[]): T; text(length: number): string } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~%/?#[]@!$&\'()*+,;=:"<>{}|\\^` \u00e9\u4e2d\u{1f600}';
  const chars = [...alphabet];
  return {
    int,
    pick: (items) => items[int(items.length)],
    text: (length) => Array.from({ length }, () => chars[int(chars.length)]).join(''),
  };
}

/** Strings that break naive parsers: broken JSON, prototype keys, deep nesting, odd encodings, huge numbers. */
export function hostileBodies(): string[] {
  const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  return [
    '',
    ' ',
    '{',
    '}',
    'null',
    'true',
    '0',
    '-1e999999',
    '"just a string"',
    '[]',
    '{}',
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"notification":{"type":{"__proto__":null}}}',
    '{"notification":null,"channel":[]}',
    '{"notification":{"type":"profile_disconnected"},"channel":{"channel_id":{"$gt":""}}}',
    '{"authorization":{"code":["a","b"]}}',
    '{"authorization":{"code":""}}',
    '{"authorization":{"error":{"x":1}}}',
    '{"event":{"event_id":null,"conferencing":{"join_url":"javascript:alert(1)"}},"notification":{"type":"conferencing_assigned"}}',
    deep(5_000),
    `{"a":${deep(2_000)}}`,
    '\u0000\u0001\u0002',
    '\ufeff{"bom":true}',
    Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x80]).toString('latin1'),
    'payload=%7B%22type%22%3A%22block_actions%22',
    'payload=',
    'payload=%ZZ',
    'command=/integrations&text=status&team_id=T0TEST&user_id=U0ADA',
    'ssl_check=1&payload=%7B%22type%22%3A%22event_callback%22%7D',
    `{"type":"url_verification","challenge":"${'x'.repeat(10)}"}`,
    JSON.stringify({ type: 'event_callback', event_id: 'Ev0FORGED', team_id: 'T0TEST', event: { type: 'app_uninstalled' } }),
    JSON.stringify({ type: 'event_callback', event_id: 'Ev0FORGED2', team_id: 'T0TEST', event: { type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } } }),
    JSON.stringify({ type: 'view_submission', team: { id: 'T0TEST' }, user: { id: 'U0ADA' }, view: { callback_id: 'x', state: { values: {} } } }),
  ];
}

function sqliteFile(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) throw new Error(`not a SQLite URL: ${databaseUrl}`);
  return databaseUrl.slice('file:'.length);
}

/** Every row of every table, in a stable order: two equal snapshots mean nothing was written. */
export function snapshotDatabase(databaseUrl: string, options: { ignoreTables?: string[] } = {}): Record<string, string[]> {
  const db = new Database(sqliteFile(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name").all() as Array<{ name: string }>;
    const snapshot: Record<string, string[]> = {};
    for (const { name } of tables) {
      if (options.ignoreTables?.includes(name)) continue;
      const rows = db.prepare(`SELECT * FROM "${name}"`).all();
      snapshot[name] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return snapshot;
  } finally {
    db.close();
  }
}

/** Which of `secrets` appear anywhere in the database: in any column, or in the raw bytes of its files (free pages included). */
export function plaintextSecrets(databaseUrl: string, secrets: readonly string[]): string[] {
  const file = sqliteFile(databaseUrl);
  const snapshot = JSON.stringify(snapshotDatabase(databaseUrl));
  const raw = [file, `${file}-wal`, `${file}-journal`]
    .filter((path) => fs.existsSync(path))
    .map((path) => fs.readFileSync(path))
    .map((bytes) => bytes.toString('latin1'))
    .join('\n');
  return secrets.filter((secret) => secret.length >= 8 && (snapshot.includes(secret) || raw.includes(secret)));
}

/** The sizes of the attack mix, for the test's log and its assertions on volume. */
export function tally(attacks: readonly Attack[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const attack of attacks) counts[attack.kind] = (counts[attack.kind] ?? 0) + 1;
  return counts;
}
