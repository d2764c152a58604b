// GET /sandbox and /sandbox/assets/<file>: the sandbox page, served as plain files from src/sandbox/web (no build step).
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { AppError } from '../errors';
import { routeParam, type HttpRoute } from '../http/route';

export const WEB_DIR = path.join(__dirname, 'web');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

// Images in Block Kit may come from anywhere; scripts, styles and requests only from Slotline itself.
const CSP = "default-src 'self'; img-src 'self' data: http: https:; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Read on every request, so edits to the page show on reload without restarting Slotline. */
async function sendFile(res: ServerResponse, file: string): Promise<void> {
  const body = await fs.promises.readFile(file);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file)],
    'Content-Length': body.length,
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

/** The files the page may load: read once, so a request can never name anything else. */
function servedAssets(dir: string): Set<string> {
  return new Set(fs.readdirSync(dir).filter((name) => name !== 'index.html' && Object.hasOwn(CONTENT_TYPES, path.extname(name))));
}

export function sandboxPageRoutes(dir = WEB_DIR): HttpRoute[] {
  const assets = servedAssets(dir);
  return [
    { path: '/sandbox', method: 'GET', handler: (_req, res) => sendFile(res, path.join(dir, 'index.html')) },
    {
      path: '/sandbox/assets/:file',
      method: 'GET',
      handler: async (req, res) => {
        const name = routeParam(req, 'file') ?? '';
        if (!assets.has(name)) throw new AppError('not_found', { message: `no sandbox asset ${name}`, userMessage: 'There is no such file.', details: { status: 404 } });
        await sendFile(res, path.join(dir, name));
      },
    },
  ];
}
