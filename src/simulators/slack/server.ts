// The simulator's HTTP surface: Web API, upload URLs, response_urls, the OAuth consent page, /_sim/, and the
// Socket Mode WebSocket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimulatorContext } from './context';
import type { SlackDriver } from './driver';
import { type HttpAnswer, jsonAnswer, readBody, textAnswer, writeAnswer } from './http-io';
import { answerInspection } from './inspection-api';
import { answerAuthorizeDecision, answerAuthorizePage } from './oauth-authorize-page';
import { answerWebApiCall } from './web-api/router';

function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

async function route(sim: SimulatorContext, driver: SlackDriver, req: IncomingMessage): Promise<HttpAnswer> {
  const url = new URL(req.url ?? '/', 'http://simulator');
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  const [, section, ...rest] = url.pathname.split('/');
  const tail = rest.join('/');
  if (section === 'api' && (method === 'POST' || method === 'GET')) {
    const answer = answerWebApiCall(sim, { method: tail, headers: req.headers, body, query: url.searchParams });
    const delayMs = sim.answerDelays.delayFor(tail);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return answer;
  }
  if (section === 'upload' && method === 'POST') {
    const { status, text } = sim.uploads.receiveBytes(rest[rest.length - 1], req.headers['content-type'], body);
    return textAnswer(status, text);
  }
  if (section === 'response' && method === 'POST') {
    const answer = sim.responseUrls.receive(tail, parseJsonBody(body));
    return jsonAnswer(answer.status, answer.body);
  }
  if (url.pathname === '/oauth/v2/authorize') {
    if (method === 'GET') return answerAuthorizePage(sim, url.searchParams);
    if (method === 'POST') return answerAuthorizeDecision(sim, new URLSearchParams(body.toString('utf8')));
  }
  if (section === '_sim') return answerInspection(sim, driver, method, tail, url.searchParams, body);
  return jsonAnswer(404, { ok: false, error: 'not_found' });
}

export async function listen(sim: SimulatorContext, driver: SlackDriver, host: string, port: number): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    route(sim, driver, req).then(
      (answer) => writeAnswer(res, answer),
      (error: unknown) => writeAnswer(res, jsonAnswer(500, { ok: false, error: 'simulator_error', detail: error instanceof Error ? error.message : String(error) })),
    );
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if (!sim.socketMode.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${hostForUrl}:${address.port}` };
}
