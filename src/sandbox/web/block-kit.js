// Block Kit → HTML for the sandbox page: the blocks and elements Slotline sends, rendered the way Slack shows them,
// with data-bk-* attributes the page uses to send interactions. Anything unknown becomes a visible placeholder
// naming its type, so nothing the app sent silently vanishes. Pure string functions (browser and node).
import { controlValue, isObject, optionLabel } from './block-state.js';
import { emojiFor } from './emoji.js';
import { escapeHtml, plainTextOf, renderMrkdwn, renderPlainText, renderTextObject } from './mrkdwn.js';

/**
 * @typedef {import('./block-state.js').SlackObject} SlackObject
 * @typedef {import('./block-state.js').StateValues} StateValues
 * @typedef {{ id: string, name: string, realName?: string }} DirectoryUser
 *
 * @typedef {object} RenderContext
 * @property {string} idPrefix Makes element ids unique on the page (one prefix per message or view).
 * @property {string} timeZone The viewer's IANA zone.
 * @property {Record<string, DirectoryUser>} [users] For mentions.
 * @property {DirectoryUser[]} [userList] Choices of users selects.
 * @property {Array<{ id: string, name: string }>} [conversations] Choices of conversations and channels selects.
 * @property {StateValues} [state] Current values of the view's elements.
 * @property {Record<string, string> | null} [errors] Errors under input blocks, by block_id.
 */

/**
 * A visible box standing in for something the sandbox cannot show.
 * @param {'block' | 'element' | 'rich text element' | 'image'} what
 * @param {unknown} type
 */
function placeholder(what, type) {
  return `<div class="bk-unsupported" role="note">Unsupported ${what}: <code>${escapeHtml(String(type ?? 'unknown'))}</code></div>`;
}

/** @param {string} text */
const attr = (text) => escapeHtml(text);
/** @param {unknown} value */
const str = (value) => (value === undefined || value === null ? '' : String(value));

/**
 * @param {RenderContext} ctx
 * @param {string} blockId
 * @param {string} actionId
 */
function controlId(ctx, blockId, actionId) {
  return `${ctx.idPrefix}-${blockId}-${actionId}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * The data-bk-* attributes the page reads to build an interaction.
 * @param {SlackObject} element
 * @param {string} blockId
 * @param {{ dispatch: boolean, input: boolean, describedBy?: string }} how
 */
function dataAttributes(element, blockId, how) {
  const parts = [`data-bk-action="${attr(str(element.action_id))}"`, `data-bk-block="${attr(blockId)}"`, `data-bk-type="${attr(str(element.type))}"`];
  if (how.describedBy) parts.push(`aria-describedby="${attr(how.describedBy)}"`);
  if (how.dispatch) parts.push('data-bk-dispatch');
  if (how.input) parts.push('data-bk-input');
  if (isObject(element.confirm)) parts.push(`data-bk-confirm="${attr(JSON.stringify(element.confirm))}"`);
  return parts.join(' ');
}

/** @param {unknown} url */
const isHttpUrl = (url) => typeof url === 'string' && /^https?:\/\//i.test(url);

/**
 * @param {SlackObject} image `image` block or element
 * @param {string} className
 */
function renderImage(image, className) {
  if (!isHttpUrl(image.image_url)) return placeholder('image', image.slack_file ? 'slack_file image' : 'image without image_url');
  return `<img class="${className}" src="${attr(str(image.image_url))}" alt="${attr(str(image.alt_text))}" loading="lazy" referrerpolicy="no-referrer">`;
}

/**
 * <option> tags for a select, option groups as <optgroup>.
 * @param {SlackObject} element
 * @param {string[]} selected
 */
function optionTags(element, selected) {
  /** @param {SlackObject} option */
  const tag = (option) => `<option value="${attr(str(option.value))}"${selected.includes(str(option.value)) ? ' selected' : ''}>${escapeHtml(optionLabel(option))}</option>`;
  const direct = Array.isArray(element.options) ? element.options.filter(isObject).map(tag).join('') : '';
  const groups = Array.isArray(element.option_groups)
    ? element.option_groups
        .filter(isObject)
        .map((group) => `<optgroup label="${attr(plainTextOf(group.label))}">${(Array.isArray(group.options) ? group.options.filter(isObject) : []).map(tag).join('')}</optgroup>`)
        .join('')
    : '';
  return direct + groups;
}

/**
 * Choices for users, conversations and channels selects, as static options.
 * @param {SlackObject} element
 * @param {RenderContext} ctx
 * @returns {SlackObject}
 */
function directoryOptions(element, ctx) {
  const type = str(element.type);
  const choices = type.includes('users')
    ? (ctx.userList ?? []).map((user) => ({ value: user.id, text: { type: 'plain_text', text: user.realName || user.name } }))
    : (ctx.conversations ?? []).map((conversation) => ({ value: conversation.id, text: { type: 'plain_text', text: conversation.name } }));
  return { ...element, options: choices, option_groups: undefined };
}

/**
 * @param {SlackObject} element
 * @param {string} blockId
 * @param {RenderContext} ctx
 * @param {{ dispatch: boolean, input: boolean, labelledBy?: string, describedBy?: string }} how
 */
function renderSelect(element, blockId, ctx, how) {
  const type = str(element.type);
  const multiple = type.startsWith('multi_');
  const listed = type.includes('users') || type.includes('conversations') || type.includes('channels') ? directoryOptions(element, ctx) : element;
  const value = controlValue(element, ctx.state?.[blockId]?.[str(element.action_id)], ctx.timeZone);
  const selected = Array.isArray(value) ? value : value === null ? [] : [value];
  const placeholderText = plainTextOf(element.placeholder) || (multiple ? 'Select options' : 'Select an option');
  const id = controlId(ctx, blockId, str(element.action_id));
  const label = how.labelledBy ? `aria-labelledby="${attr(how.labelledBy)}"` : `aria-label="${attr(placeholderText)}"`;
  const first = multiple ? '' : `<option value=""${selected.length === 0 ? ' selected' : ''}>${escapeHtml(placeholderText)}</option>`;
  const size = multiple ? ` multiple size="${Math.min(6, Math.max(3, (listed.options ?? []).length))}"` : '';
  return `<select id="${id}" class="bk-select" ${label}${size} ${dataAttributes(element, blockId, how)}>${first}${optionTags(listed, selected)}</select>`;
}

/**
 * Checkboxes and radio buttons.
 * @param {SlackObject} element
 * @param {string} blockId
 * @param {RenderContext} ctx
 * @param {{ dispatch: boolean, input: boolean, labelledBy?: string, describedBy?: string }} how
 */
function renderChoices(element, blockId, ctx, how) {
  const inputType = element.type === 'checkboxes' ? 'checkbox' : 'radio';
  const id = controlId(ctx, blockId, str(element.action_id));
  const value = controlValue(element, ctx.state?.[blockId]?.[str(element.action_id)], ctx.timeZone);
  const selected = Array.isArray(value) ? value : value === null ? [] : [value];
  const items = (Array.isArray(element.options) ? element.options.filter(isObject) : [])
    .map((option, index) => {
      const description = option.description ? `<span class="bk-choice-description">${renderTextObject(option.description, ctx)}</span>` : '';
      return `<label class="bk-choice" for="${id}-${index}"><input type="${inputType}" id="${id}-${index}" name="${id}" value="${attr(str(option.value))}"${selected.includes(str(option.value)) ? ' checked' : ''}>
<span class="bk-choice-text">${renderTextObject(option.text, ctx)}${description}</span></label>`;
    })
    .join('');
  const label = how.labelledBy ? `aria-labelledby="${attr(how.labelledBy)}"` : `aria-label="${attr(element.type === 'checkboxes' ? 'Options' : 'Choose one')}"`;
  return `<div id="${id}" class="bk-choices" role="${inputType === 'radio' ? 'radiogroup' : 'group'}" ${label} ${dataAttributes(element, blockId, how)}>${items}</div>`;
}

/**
 * @param {SlackObject} element
 * @param {string} blockId
 * @param {RenderContext} ctx
 * @param {{ dispatch: boolean, input: boolean, labelledBy?: string, describedBy?: string }} how
 */
function renderTextInput(element, blockId, ctx, how) {
  const id = controlId(ctx, blockId, str(element.action_id));
  const value = controlValue(element, ctx.state?.[blockId]?.[str(element.action_id)], ctx.timeZone);
  const text = typeof value === 'string' ? value : '';
  const placeholderText = plainTextOf(element.placeholder);
  const common = [
    `id="${id}"`,
    placeholderText ? `placeholder="${attr(placeholderText)}"` : '',
    how.labelledBy ? '' : `aria-label="${attr(placeholderText || 'Text')}"`,
    dataAttributes(element, blockId, how),
  ]
    .filter(Boolean)
    .join(' ');
  if (element.type === 'plain_text_input' && element.multiline === true) {
    return `<textarea class="bk-textarea" rows="4" ${common}>${escapeHtml(text)}</textarea>`;
  }
  /** @type {Record<string, string>} */
  const types = { plain_text_input: 'text', email_text_input: 'email', url_text_input: 'url', number_input: 'number' };
  const extra =
    element.type === 'number_input'
      ? ` inputmode="${element.is_decimal_allowed === true ? 'decimal' : 'numeric'}" step="${element.is_decimal_allowed === true ? 'any' : '1'}"${element.min_value !== undefined ? ` min="${attr(str(element.min_value))}"` : ''}${element.max_value !== undefined ? ` max="${attr(str(element.max_value))}"` : ''}`
      : typeof element.max_length === 'number'
        ? ` maxlength="${element.max_length}"`
        : '';
  return `<input type="${types[str(element.type)]}" class="bk-text-input" value="${attr(text)}"${extra} ${common}>`;
}

/**
 * @param {SlackObject} element
 * @param {string} blockId
 * @param {RenderContext} ctx
 * @param {{ dispatch: boolean, input: boolean, labelledBy?: string, describedBy?: string }} how
 */
function renderPicker(element, blockId, ctx, how) {
  const id = controlId(ctx, blockId, str(element.action_id));
  const value = controlValue(element, ctx.state?.[blockId]?.[str(element.action_id)], ctx.timeZone);
  /** @type {Record<string, string>} */
  const types = { datepicker: 'date', timepicker: 'time', datetimepicker: 'datetime-local' };
  /** @type {Record<string, string>} */
  const names = { datepicker: 'Date', timepicker: 'Time', datetimepicker: 'Date and time' };
  const label = how.labelledBy ? '' : ` aria-label="${attr(plainTextOf(element.placeholder) || names[str(element.type)])}"`;
  return `<input type="${types[str(element.type)]}" id="${id}" class="bk-picker" value="${attr(typeof value === 'string' ? value : '')}"${label} ${dataAttributes(element, blockId, how)}>`;
}

/**
 * @param {SlackObject} element
 * @param {string} blockId
 * @param {RenderContext} ctx
 */
function renderButton(element, blockId, ctx) {
  const style = element.style === 'primary' || element.style === 'danger' ? ` bk-button--${element.style}` : '';
  const url = isHttpUrl(element.url) ? ` data-bk-url="${attr(str(element.url))}"` : '';
  const opensTab = url ? '<span class="bk-external" aria-hidden="true">↗</span><span class="visually-hidden"> (opens in a new tab)</span>' : '';
  const value = element.value !== undefined ? ` data-bk-value="${attr(str(element.value))}"` : '';
  const label = element.accessibility_label ? ` aria-label="${attr(str(element.accessibility_label))}"` : '';
  return `<button type="button" id="${controlId(ctx, blockId, str(element.action_id))}" class="bk-button${style}"${label}${url}${value} ${dataAttributes(element, blockId, { dispatch: true, input: false })}>${renderPlainText(plainTextOf(element.text))}${opensTab}</button>`;
}

/**
 * @param {SlackObject} element
 * @param {string} blockId
 */
function renderOverflow(element, blockId) {
  const items = (Array.isArray(element.options) ? element.options.filter(isObject) : [])
    .map((option) => {
      const url = isHttpUrl(option.url) ? ` data-bk-url="${attr(str(option.url))}"` : '';
      return `<button type="button" role="menuitem" class="bk-overflow-item" data-bk-option="${attr(str(option.value))}"${url}>${renderPlainText(optionLabel(option))}</button>`;
    })
    .join('');
  return `<details class="bk-overflow" ${dataAttributes(element, blockId, { dispatch: true, input: false })}><summary class="bk-overflow-toggle" aria-label="More actions">⋯</summary><div class="bk-overflow-menu" role="menu">${items}</div></details>`;
}

const SELECTS = new Set([
  'static_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
]);
const TEXT_INPUTS = new Set(['plain_text_input', 'email_text_input', 'url_text_input', 'number_input']);
const PICKERS = new Set(['datepicker', 'timepicker', 'datetimepicker']);
const LABELLABLE = new Set([...SELECTS, ...TEXT_INPUTS, ...PICKERS]);

/**
 * One interactive (or image) element.
 * @param {unknown} raw
 * @param {string} blockId
 * @param {RenderContext} ctx
 * @param {{ dispatch: boolean, input: boolean, labelledBy?: string, describedBy?: string }} how
 */
function renderElement(raw, blockId, ctx, how) {
  if (!isObject(raw)) return placeholder('element', typeof raw);
  const type = str(raw.type);
  if (type === 'button') return renderButton(raw, blockId, ctx);
  if (type === 'overflow') return renderOverflow(raw, blockId);
  if (type === 'image') return renderImage(raw, 'bk-element-image');
  if (SELECTS.has(type)) return renderSelect(raw, blockId, ctx, how);
  if (type === 'checkboxes' || type === 'radio_buttons') return renderChoices(raw, blockId, ctx, how);
  if (TEXT_INPUTS.has(type)) return renderTextInput(raw, blockId, ctx, how);
  if (PICKERS.has(type)) return renderPicker(raw, blockId, ctx, how);
  return placeholder('element', type);
}

/**
 * @param {SlackObject} block
 * @param {RenderContext} ctx
 */
function renderSection(block, ctx) {
  const blockId = str(block.block_id);
  const text = block.text !== undefined ? `<div class="bk-text">${renderTextObject(block.text, ctx)}</div>` : '';
  const fields = Array.isArray(block.fields) ? `<div class="bk-fields">${block.fields.map((field) => `<div class="bk-field">${renderTextObject(field, ctx)}</div>`).join('')}</div>` : '';
  const accessory = block.accessory !== undefined ? `<div class="bk-accessory">${renderElement(block.accessory, blockId, ctx, { dispatch: true, input: false })}</div>` : '';
  return `<div class="bk-section-body">${text}${fields}</div>${accessory}`;
}

/**
 * @param {SlackObject} block
 * @param {RenderContext} ctx
 */
function renderInput(block, ctx) {
  const blockId = str(block.block_id);
  const element = isObject(block.element) ? block.element : {};
  const id = controlId(ctx, blockId, str(element.action_id));
  const labelId = `${id}-label`;
  const hintId = block.hint ? `${id}-hint` : undefined;
  const error = ctx.errors?.[blockId];
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const how = { dispatch: block.dispatch_action === true, input: true, labelledBy: labelId, describedBy };
  const optional = block.optional === true ? ' <span class="bk-optional">(optional)</span>' : '';
  const control = renderElement(element, blockId, ctx, how);
  const hint = hintId ? `<p class="bk-hint" id="${hintId}">${renderTextObject(block.hint, ctx)}</p>` : '';
  const errorText = errorId ? `<p class="bk-error" id="${errorId}" role="alert">${renderPlainText(str(error))}</p>` : '';
  const withError = error ? control.replace(/^<(\w+) /, '<$1 aria-invalid="true" ') : control;
  const labelText = `${renderPlainText(plainTextOf(block.label))}${optional}`;
  // Groups (checkboxes, radio buttons) are named through aria-labelledby; a <label for> must point at one control.
  const label = LABELLABLE.has(str(element.type)) ? `<label class="bk-label" id="${labelId}" for="${id}">${labelText}</label>` : `<div class="bk-label" id="${labelId}">${labelText}</div>`;
  return `${label}${withError}${hint}${errorText}`;
}

/**
 * @param {SlackObject} block
 * @param {RenderContext} ctx
 */
function renderContext(block, ctx) {
  const elements = Array.isArray(block.elements) ? block.elements : [];
  return elements
    .map((element) => {
      if (isObject(element) && element.type === 'image') return renderImage(element, 'bk-context-image');
      if (isObject(element) && (element.type === 'mrkdwn' || element.type === 'plain_text')) return `<span class="bk-context-text">${renderTextObject(element, ctx)}</span>`;
      return placeholder('element', isObject(element) ? element.type : typeof element);
    })
    .join('');
}

/**
 * @param {SlackObject} block
 * @param {RenderContext} ctx
 */
function renderActions(block, ctx) {
  const blockId = str(block.block_id);
  const elements = Array.isArray(block.elements) ? block.elements : [];
  return elements.map((element) => renderElement(element, blockId, ctx, { dispatch: true, input: false })).join('');
}

/**
 * Inline rich text: styled text, links, mentions, emoji.
 * @param {unknown} raw
 * @param {RenderContext} ctx
 */
function renderRichInline(raw, ctx) {
  if (!isObject(raw)) return placeholder('rich text element', typeof raw);
  const style = isObject(raw.style) ? raw.style : {};
  /** @param {string} html */
  const styled = (html) => {
    let out = html;
    if (style.code) out = `<code class="bk-code">${out}</code>`;
    if (style.strike) out = `<del>${out}</del>`;
    if (style.italic) out = `<em>${out}</em>`;
    if (style.bold) out = `<strong>${out}</strong>`;
    return out;
  };
  switch (raw.type) {
    case 'text':
      return styled(escapeHtml(str(raw.text)).replace(/\n/g, '<br>'));
    case 'link': {
      const label = escapeHtml(str(raw.text) || str(raw.url));
      return isHttpUrl(raw.url) || /^mailto:/i.test(str(raw.url)) ? styled(`<a href="${attr(str(raw.url))}" target="_blank" rel="noopener noreferrer">${label}</a>`) : styled(label);
    }
    case 'user':
      return styled(renderMrkdwn(`<@${str(raw.user_id)}>`, ctx));
    case 'usergroup':
      return styled(`<span class="bk-mention">@${escapeHtml(str(raw.usergroup_id))}</span>`);
    case 'channel':
      return styled(`<span class="bk-mention">#${escapeHtml(str(raw.channel_id))}</span>`);
    case 'broadcast':
      return `<span class="bk-mention">@${escapeHtml(str(raw.range))}</span>`;
    case 'emoji': {
      const fromUnicode = typeof raw.unicode === 'string' ? String.fromCodePoint(...raw.unicode.split('-').map((hex) => parseInt(hex, 16))) : undefined;
      return fromUnicode ?? emojiFor(str(raw.name)) ?? `:${escapeHtml(str(raw.name))}:`;
    }
    case 'date':
      return renderMrkdwn(`<!date^${str(raw.timestamp)}^${str(raw.format)}|${str(raw.fallback)}>`, ctx);
    default:
      return placeholder('rich text element', raw.type);
  }
}

/**
 * @param {unknown} raw
 * @param {RenderContext} ctx
 */
function richInlineList(raw, ctx) {
  return isObject(raw) && Array.isArray(raw.elements) ? raw.elements.map((element) => renderRichInline(element, ctx)).join('') : '';
}

/**
 * @param {SlackObject} block
 * @param {RenderContext} ctx
 */
function renderRichText(block, ctx) {
  const elements = Array.isArray(block.elements) ? block.elements : [];
  return elements
    .map((element) => {
      if (!isObject(element)) return placeholder('rich text element', typeof element);
      switch (element.type) {
        case 'rich_text_section':
          return `<p class="bk-rich-section">${richInlineList(element, ctx)}</p>`;
        case 'rich_text_preformatted':
          return `<pre class="bk-pre">${richInlineList(element, ctx)}</pre>`;
        case 'rich_text_quote':
          return `<blockquote class="bk-quote">${richInlineList(element, ctx)}</blockquote>`;
        case 'rich_text_list': {
          const tag = element.style === 'ordered' ? 'ol' : 'ul';
          const indent = Math.min(Number(element.indent) || 0, 6);
          const items = (Array.isArray(element.elements) ? element.elements : []).map((item) => `<li>${richInlineList(item, ctx)}</li>`).join('');
          return `<${tag} class="bk-rich-list" data-indent="${indent}">${items}</${tag}>`;
        }
        default:
          return placeholder('rich text element', element.type);
      }
    })
    .join('');
}

/**
 * @param {SlackObject} block
 * @param {RenderContext} ctx
 * @returns {string | null} null for block types the sandbox does not render.
 */
function blockBody(block, ctx) {
  switch (block.type) {
    case 'section':
      return renderSection(block, ctx);
    case 'header':
      return `<h3 class="bk-header-text">${renderPlainText(plainTextOf(block.text))}</h3>`;
    case 'divider':
      return '<hr class="bk-divider-line">';
    case 'context':
      return renderContext(block, ctx);
    case 'actions':
      return renderActions(block, ctx);
    case 'input':
      return renderInput(block, ctx);
    case 'image': {
      const title = block.title ? `<figcaption class="bk-image-title">${renderTextObject(block.title, ctx)}</figcaption>` : '';
      return `<figure class="bk-figure">${title}${renderImage(block, 'bk-image-img')}</figure>`;
    }
    case 'rich_text':
      return renderRichText(block, ctx);
    default:
      return null;
  }
}

/**
 * One block.
 * @param {unknown} raw
 * @param {RenderContext} ctx
 */
export function renderBlock(raw, ctx) {
  if (!isObject(raw)) return placeholder('block', typeof raw);
  const body = blockBody(raw, ctx);
  if (body === null) return placeholder('block', raw.type);
  const type = str(raw.type);
  const role = type === 'actions' ? ' role="group" aria-label="Actions"' : '';
  const error = type === 'input' && ctx.errors?.[str(raw.block_id)] ? ' bk-block--error' : '';
  return `<div class="bk-block bk-${type}${error}" data-block-id="${attr(str(raw.block_id))}"${role}>${body}</div>`;
}

/**
 * A list of blocks (a message, a modal or a Home tab).
 * @param {unknown} blocks
 * @param {RenderContext} ctx
 */
export function renderBlocks(blocks, ctx) {
  if (!Array.isArray(blocks)) return '';
  return blocks.map((block) => renderBlock(block, ctx)).join('');
}
