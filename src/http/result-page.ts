// The small page a browser lands on after a Connect link or an OAuth callback: never a stack trace or raw JSON.
import { sendHtml } from './route';
import type { ServerResponse } from 'node:http';

export type ResultTone = 'success' | 'info' | 'warning' | 'error';

const ICONS: Record<ResultTone, string> = { success: '✅', info: 'ℹ️', warning: '⚠️', error: '❌' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function renderResultPage(options: { tone: ResultTone; title: string; message: string; next?: string }): string {
  const { tone, title, message, next } = options;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Slotline</title>
<style>body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;background:#f6f6f8;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);padding:32px 40px;max-width:460px}
h1{font-size:1.3rem;margin:0 0 12px}p{color:#333;line-height:1.5}.next{color:#555;font-size:.95rem}</style></head>
<body><main data-tone="${tone}"><h1>${ICONS[tone]} ${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${next ? `<p class="next">${escapeHtml(next)}</p>` : ''}</main></body></html>`;
}

export function sendResultPage(res: ServerResponse, status: number, options: Parameters<typeof renderResultPage>[0]): void {
  sendHtml(res, status, renderResultPage(options));
}
