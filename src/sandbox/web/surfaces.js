// The three places Slotline's Block Kit appears, as Slack lays them out: messages in the app's DM, the App Home
// tab and modals (title, close, submit). Each carries data-bk-location, which says where an interaction happens.
import { renderBlocks } from './block-kit.js';
import { escapeHtml, plainTextOf, renderMrkdwn, renderPlainText } from './mrkdwn.js';
import { formatClock, formatDateTime } from './zoned-time.js';

/**
 * @typedef {import('./block-kit.js').RenderContext} RenderContext
 * @typedef {import('./block-state.js').SlackObject} SlackObject
 *
 * @typedef {object} ShownMessage A message or ephemeral as the Slack simulator records it.
 * @property {'message' | 'ephemeral'} kind
 * @property {string} channel
 * @property {string} ts
 * @property {string} text
 * @property {SlackObject[] | null} blocks
 * @property {number} postedAt
 * @property {unknown[]} updates
 * @property {boolean} deleted
 * @property {Array<{ id: string, filename: string, title?: string }>} [files] Files shared with the message.
 *
 * @typedef {object} ShownView A modal or Home view as the Slack simulator records it.
 * @property {string} id
 * @property {'modal' | 'home'} type
 * @property {SlackObject} spec
 * @property {string} hash
 * @property {Record<string, string> | null} errors
 * @property {import('./block-state.js').StateValues} stateValues
 */

/**
 * @param {object} location
 */
const locationAttribute = (location) => `data-bk-location="${escapeHtml(JSON.stringify(location))}"`;

/**
 * One message of the app's DM (or an ephemeral only this person sees).
 * @param {ShownMessage} message
 * @param {RenderContext & { appName: string, fileHref?: (fileId: string) => string }} ctx
 */
export function renderMessage(message, ctx) {
  const posted = message.postedAt;
  const time = `<time class="msg-time" datetime="${new Date(posted).toISOString()}" title="${escapeHtml(formatDateTime(posted, ctx.timeZone))}">${escapeHtml(formatClock(posted, ctx.timeZone))}</time>`;
  const edited = message.updates.length > 0 ? '<span class="msg-edited">(edited)</span>' : '';
  const ephemeral = message.kind === 'ephemeral' ? '<span class="msg-ephemeral">Only visible to you</span>' : '';
  const text = message.blocks && message.blocks.length > 0 ? renderBlocks(message.blocks, ctx) : message.text ? `<div class="bk-text">${renderMrkdwn(message.text, ctx)}</div>` : '';
  const files = (message.files ?? [])
    .map((file) => {
      const name = escapeHtml(file.title || file.filename);
      return ctx.fileHref ? `<a class="msg-file" href="${escapeHtml(ctx.fileHref(file.id))}" download="${escapeHtml(file.filename)}">📎 ${name}</a>` : `<span class="msg-file">📎 ${name}</span>`;
    })
    .join('');
  const body = text + files;
  return `<article class="msg msg--${message.kind}" tabindex="-1" ${locationAttribute({ channel: message.channel, ts: message.ts })} data-ts="${escapeHtml(message.ts)}" aria-label="${escapeHtml(`${ctx.appName} at ${formatClock(posted, ctx.timeZone)}`)}">
<div class="msg-avatar" aria-hidden="true">${escapeHtml(ctx.appName.charAt(0))}</div>
<div class="msg-main"><header class="msg-header"><strong class="msg-author">${escapeHtml(ctx.appName)}</strong><span class="msg-app-badge">APP</span>${time}${edited}${ephemeral}</header>
<div class="msg-body">${body}</div></div></article>`;
}

/**
 * The App Home tab.
 * @param {ShownView | null} view
 * @param {RenderContext & { appName: string, userId: string }} ctx
 */
export function renderHome(view, ctx) {
  if (!view) {
    return `<p class="empty">${escapeHtml(ctx.appName)} has not published a Home tab for you yet.</p>`;
  }
  return `<div class="home" ${locationAttribute({ home: ctx.userId })} data-view-id="${escapeHtml(view.id)}">${renderBlocks(view.spec.blocks, { ...ctx, state: view.stateValues })}</div>`;
}

/**
 * The modal on top of the person's stack; `depth` > 1 means others are underneath (Slack shows a back arrow).
 * @param {ShownView} view
 * @param {number} depth
 * @param {RenderContext} ctx
 */
export function renderModal(view, depth, ctx) {
  const titleId = `${ctx.idPrefix}-title`;
  const spec = view.spec;
  const title = renderPlainText(plainTextOf(spec.title));
  const close = plainTextOf(spec.close) || (depth > 1 ? 'Back' : 'Cancel');
  const submit = spec.submit ? `<button type="submit" class="bk-button bk-button--primary modal-submit">${renderPlainText(plainTextOf(spec.submit))}</button>` : '';
  const back = depth > 1 ? '<span class="modal-back" aria-hidden="true">‹</span>' : '';
  const blocks = renderBlocks(spec.blocks, { ...ctx, state: view.stateValues, errors: view.errors });
  return `<div class="modal" role="dialog" aria-modal="true" aria-labelledby="${titleId}" ${locationAttribute({ viewId: view.id })} data-view-id="${escapeHtml(view.id)}" data-view-hash="${escapeHtml(view.hash)}">
<form class="modal-form" novalidate>
<header class="modal-header">${back}<h2 id="${titleId}" class="modal-title" tabindex="-1">${title}</h2><button type="button" class="modal-x" data-modal-close aria-label="Close">×</button></header>
<div class="modal-body">${blocks}</div>
<footer class="modal-footer"><button type="button" class="bk-button modal-cancel" data-modal-close>${renderPlainText(close)}</button>${submit}</footer>
</form></div>`;
}
