// Slack text objects as safe HTML: mrkdwn (*bold*, _italic_, ~strike~, `code`, ```blocks```, > quotes, <url|links>,
// <@U…> mentions, <#C…> channels, <!here>, <!date^…>) and plain_text, both with :emoji: shortcodes.
// Pure string functions, so the browser page and the node tests share them.
import { replaceShortcodes } from './emoji.js';
import { formatClock, formatDateTime, formatDay } from './zoned-time.js';

/**
 * @typedef {object} TextContext
 * @property {Record<string, { name: string, realName?: string }>} [users] Slack user id → name, for mentions.
 * @property {string} [timeZone] The viewer's IANA zone, for <!date^…> tokens.
 */

/** @param {string} text */
export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => /** @type {Record<string, string>} */ ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * Slack escapes only &, < and > in message text.
 * @param {string} text
 */
function decodeSlackEntities(text) {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * Text as Slack shows it, escaped for HTML.
 * @param {string} text
 */
const shownText = (text) => escapeHtml(decodeSlackEntities(text));

const SAFE_LINK = /^(https?:|mailto:)/i;

/**
 * A person's display name for a mention.
 * @param {string} id
 * @param {string | undefined} label
 * @param {TextContext} ctx
 */
function userName(id, label, ctx) {
  const user = ctx.users?.[id];
  return user ? user.realName || user.name : label || id;
}

/**
 * @param {string} token `!date^1392734382^{date_short} at {time}^optional_link|fallback` without the brackets
 * @param {TextContext} ctx
 */
function renderDateToken(token, ctx) {
  const [spec, fallback = ''] = splitOnce(token, '|');
  const [, seconds, format] = spec.split('^');
  const ms = Number(seconds) * 1000;
  if (!Number.isFinite(ms) || !format) return shownText(fallback);
  const zone = ctx.timeZone ?? 'UTC';
  /** @type {Record<string, string>} */
  const tokens = {
    date_num: new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms)),
    date: new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(ms)),
    date_short: new Intl.DateTimeFormat('en-US', { timeZone: zone, month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(ms)),
    date_long: new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date(ms)),
    time: formatClock(ms, zone),
    time_secs: new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(ms)),
  };
  tokens.date_pretty = tokens.date;
  tokens.date_short_pretty = formatDay(ms, zone);
  tokens.date_long_pretty = tokens.date_long;
  const shown = decodeSlackEntities(format).replace(/\{(\w+)\}/g, (whole, name) => tokens[name] ?? whole);
  return `<time datetime="${new Date(ms).toISOString()}" title="${escapeHtml(formatDateTime(ms, zone))}">${escapeHtml(shown)}</time>`;
}

/**
 * @param {string} text
 * @param {string} separator
 * @returns {[string, string | undefined]}
 */
function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * One <…> token: a mention, channel, special mention, date or link.
 * @param {string} inner
 * @param {TextContext} ctx
 */
function renderToken(inner, ctx) {
  if (inner.startsWith('@')) {
    const [id, label] = splitOnce(inner.slice(1), '|');
    return `<span class="bk-mention" data-user-id="${escapeHtml(id)}">@${escapeHtml(userName(id, label, ctx))}</span>`;
  }
  if (inner.startsWith('#')) {
    const [id, label] = splitOnce(inner.slice(1), '|');
    return `<span class="bk-mention">#${shownText(label || id)}</span>`;
  }
  if (inner.startsWith('!date^')) return renderDateToken(inner, ctx);
  if (inner.startsWith('!')) {
    const [spec, label] = splitOnce(inner.slice(1), '|');
    const name = spec.startsWith('subteam^') ? label || `@${spec.slice('subteam^'.length)}` : `@${spec}`;
    return `<span class="bk-mention">${shownText(name)}</span>`;
  }
  const [target, label] = splitOnce(inner, '|');
  const url = decodeSlackEntities(target);
  const text = label === undefined ? shownText(url.replace(/^mailto:/i, '')) : replaceShortcodes(shownText(label));
  if (!SAFE_LINK.test(url)) return text;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

// Slack applies *, _ and ~ only at word edges, never across lines, and not with a space inside the markers.
const EDGE_BEFORE = '(^|[^\\p{L}\\p{N}])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}])';
/** @param {'*' | '_' | '~'} marker */
const styleRule = (marker) => {
  const m = marker === '*' ? '\\*' : marker;
  return new RegExp(`${EDGE_BEFORE}${m}(?!\\s)([^${m}\\n]*?[^\\s${m}])${m}${EDGE_AFTER}`, 'gu');
};
const STYLES = /** @type {const} */ ([
  [styleRule('*'), 'strong'],
  [styleRule('_'), 'em'],
  [styleRule('~'), 'del'],
]);

/** Wraps lines that start with ">" (escaped as &gt; by now) in blockquotes and joins the rest with <br>.
 * @param {string} html
 */
function quotesAndBreaks(html) {
  /** @type {string[]} */
  const out = [];
  /** @type {string[]} */
  let quote = [];
  const flush = () => {
    if (quote.length > 0) out.push(`<blockquote class="bk-quote">${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of html.split('\n')) {
    const quoted = /^&gt;\s?(.*)$/.exec(line);
    if (quoted) quote.push(quoted[1]);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('<br>').replace(/<br>(<blockquote)/g, '$1').replace(/(<\/blockquote>)<br>/g, '$1');
}

/**
 * Slack mrkdwn → HTML. Everything the app wrote is escaped; only the markup Slack itself supports comes out as tags.
 * @param {string} text
 * @param {TextContext} [ctx]
 */
export function renderMrkdwn(text, ctx = {}) {
  /** @type {string[]} */
  const held = [];
  /** @param {string} html */
  const hold = (html) => `\u0000${held.push(html) - 1}\u0000`;
  let work = String(text)
    .replace(/```\n?([\s\S]*?)```/g, (_, code) => hold(`<pre class="bk-pre">${shownText(code)}</pre>`))
    .replace(/`([^`\n]+)`/g, (_, code) => hold(`<code class="bk-code">${shownText(code)}</code>`))
    .replace(/<([^<>\s][^<>]*)>/g, (_, inner) => hold(renderToken(inner, ctx)));
  work = replaceShortcodes(shownText(work));
  for (const [rule, tag] of STYLES) work = work.replace(rule, (_, before, inner) => `${before}<${tag}>${inner}</${tag}>`);
  work = quotesAndBreaks(work);
  return work.replace(/\u0000(\d+)\u0000/g, (_, index) => held[Number(index)]);
}

/**
 * plain_text → HTML: no markup, but emoji shortcodes unless `emoji: false`.
 * @param {string} text
 * @param {boolean} [emoji]
 */
export function renderPlainText(text, emoji = true) {
  const escaped = escapeHtml(String(text));
  return (emoji ? replaceShortcodes(escaped) : escaped).replace(/\n/g, '<br>');
}

/**
 * Any Slack text object. Something that is not one shows as a visible placeholder.
 * @param {unknown} value
 * @param {TextContext} [ctx]
 */
export function renderTextObject(value, ctx = {}) {
  if (typeof value === 'string') return renderMrkdwn(value, ctx);
  const object = /** @type {{ type?: unknown, text?: unknown, emoji?: unknown } | null} */ (value && typeof value === 'object' ? value : null);
  if (object && typeof object.text === 'string') {
    if (object.type === 'mrkdwn') return renderMrkdwn(object.text, ctx);
    if (object.type === 'plain_text') return renderPlainText(object.text, object.emoji !== false);
  }
  return `<span class="bk-unsupported" role="note">Unsupported text object: <code>${escapeHtml(String(object?.type ?? typeof value))}</code></span>`;
}

/**
 * The raw text of a text object without markup, for labels and aria attributes.
 * @param {unknown} value
 */
export function plainTextOf(value) {
  if (typeof value === 'string') return value;
  const object = /** @type {{ text?: unknown } | null} */ (value && typeof value === 'object' ? value : null);
  return object && typeof object.text === 'string' ? object.text : '';
}
