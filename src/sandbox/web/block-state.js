// What a Block Kit element holds, in Slack's own shapes: the `state.values` entry a control's value becomes,
// the selection fields a block_actions payload carries, and the checks Slack's client makes before submitting a modal.
import { plainTextOf } from './mrkdwn.js';
import { fromLocalInput, toLocalInput } from './zoned-time.js';

/**
 * @typedef {Record<string, any>} SlackObject
 * @typedef {{ type: string } & SlackObject} ActionState
 * @typedef {Record<string, Record<string, ActionState>>} StateValues
 * @typedef {string | string[] | null} RawValue What an HTML control holds: one value, several, or nothing.
 */

/** @param {unknown} value @returns {value is SlackObject} */
export const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Options of a select, overflow, radio or checkbox group, option groups flattened.
 * @param {SlackObject} element
 * @returns {SlackObject[]}
 */
function optionsOf(element) {
  const direct = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.filter(isObject).flatMap((group) => (Array.isArray(group.options) ? group.options.filter(isObject) : []))
    : [];
  return [...direct, ...grouped];
}

/**
 * @param {SlackObject} element
 * @param {string} value
 */
const optionByValue = (element, value) => optionsOf(element).find((option) => option.value === value) ?? null;

/** @param {RawValue} raw */
const one = (raw) => (Array.isArray(raw) ? (raw[0] ?? null) : raw === '' ? null : raw);
/** @param {RawValue} raw @returns {string[]} */
const many = (raw) => (Array.isArray(raw) ? raw.filter((value) => value !== '') : raw ? [raw] : []);

/** Element type → [state field, initial field, kind of value]. */
const FIELDS = /** @type {const} */ ({
  plain_text_input: ['value', 'initial_value', 'text'],
  email_text_input: ['value', 'initial_value', 'text'],
  url_text_input: ['value', 'initial_value', 'text'],
  number_input: ['value', 'initial_value', 'text'],
  datepicker: ['selected_date', 'initial_date', 'text'],
  timepicker: ['selected_time', 'initial_time', 'text'],
  datetimepicker: ['selected_date_time', 'initial_date_time', 'epoch'],
  static_select: ['selected_option', 'initial_option', 'option'],
  radio_buttons: ['selected_option', 'initial_option', 'option'],
  overflow: ['selected_option', 'initial_option', 'option'],
  checkboxes: ['selected_options', 'initial_options', 'options'],
  multi_static_select: ['selected_options', 'initial_options', 'options'],
  users_select: ['selected_user', 'initial_user', 'id'],
  multi_users_select: ['selected_users', 'initial_users', 'ids'],
  conversations_select: ['selected_conversation', 'initial_conversation', 'id'],
  multi_conversations_select: ['selected_conversations', 'initial_conversations', 'ids'],
  channels_select: ['selected_channel', 'initial_channel', 'id'],
  multi_channels_select: ['selected_channels', 'initial_channels', 'ids'],
});

/**
 * Whether the sandbox knows how to hold this element's value.
 * @param {string} type
 */
export function isValueElement(type) {
  return Object.prototype.hasOwnProperty.call(FIELDS, type);
}

/**
 * The `state.values` entry for a control's value, options completed from the element as Slack sends them.
 * @param {SlackObject} element
 * @param {RawValue} raw
 * @param {string} timeZone The viewer's zone, for datetimepicker.
 * @returns {ActionState}
 */
export function stateEntry(element, raw, timeZone) {
  const type = String(element.type);
  if (!isValueElement(type)) throw new Error(`${type} holds no value`);
  const [field, , kind] = FIELDS[/** @type {keyof typeof FIELDS} */ (type)];
  /** @type {unknown} */
  let value;
  switch (kind) {
    case 'text':
    case 'id':
      value = one(raw);
      break;
    case 'epoch': {
      const local = one(raw);
      value = local === null ? null : fromLocalInput(local, timeZone);
      break;
    }
    case 'option': {
      const chosen = one(raw);
      value = chosen === null ? null : optionByValue(element, chosen);
      break;
    }
    case 'options':
      value = many(raw).flatMap((chosen) => optionByValue(element, chosen) ?? []);
      break;
    case 'ids':
      value = many(raw);
      break;
  }
  return { type, [field]: value };
}

/**
 * The fields an interaction adds to its action (`selected_option`, `selected_date`, `value`…).
 * @param {SlackObject} element
 * @param {RawValue} raw
 * @param {string} timeZone
 * @returns {SlackObject}
 */
export function selectionFor(element, raw, timeZone) {
  const { type: _type, ...selection } = stateEntry(element, raw, timeZone);
  return selection;
}

/**
 * What the control should show: the state entry when it matches the element, otherwise the element's initial value.
 * @param {SlackObject} element
 * @param {ActionState | undefined} state
 * @param {string} timeZone
 * @returns {RawValue}
 */
export function controlValue(element, state, timeZone) {
  const type = String(element.type);
  if (!isValueElement(type)) return null;
  const [field, initialField, kind] = FIELDS[/** @type {keyof typeof FIELDS} */ (type)];
  const current = state && state.type === type && field in state ? state[field] : element[initialField];
  if (current === undefined || current === null) return kind === 'options' || kind === 'ids' ? [] : null;
  switch (kind) {
    case 'text':
    case 'id':
      return String(current);
    case 'epoch':
      return typeof current === 'number' ? toLocalInput(current, timeZone) : null;
    case 'option':
      return isObject(current) ? String(current.value) : null;
    case 'options':
      return Array.isArray(current) ? current.filter(isObject).map((option) => String(option.value)) : [];
    case 'ids':
      return Array.isArray(current) ? current.map(String) : [];
  }
  return null;
}

/**
 * @param {ActionState | undefined} entry
 */
function isEmpty(entry) {
  if (!entry) return true;
  const { type: _type, ...fields } = entry;
  return Object.values(fields).every((value) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_TEXT = /^https?:\/\/[^\s/$.?#][^\s]*$/i;

/**
 * The checks Slack's client makes before it sends a view_submission: required inputs, lengths and formats.
 * Returns block_id → message, empty when the modal may be submitted.
 * @param {SlackObject[]} blocks
 * @param {StateValues} state
 * @returns {Record<string, string>}
 */
export function clientSideErrors(blocks, state) {
  /** @type {Record<string, string>} */
  const errors = {};
  for (const block of blocks) {
    if (block.type !== 'input' || !isObject(block.element)) continue;
    const element = block.element;
    const entry = state[String(block.block_id)]?.[String(element.action_id)];
    if (isEmpty(entry)) {
      if (block.optional !== true && isValueElement(String(element.type))) errors[String(block.block_id)] = 'Please complete this required field.';
      continue;
    }
    const problem = valueProblem(element, /** @type {ActionState} */ (entry));
    if (problem) errors[String(block.block_id)] = problem;
  }
  return errors;
}

/**
 * @param {SlackObject} element
 * @param {ActionState} entry
 * @returns {string | null}
 */
function valueProblem(element, entry) {
  const text = typeof entry.value === 'string' ? entry.value : '';
  switch (element.type) {
    case 'plain_text_input':
      if (typeof element.min_length === 'number' && text.length < element.min_length) return `Please enter at least ${element.min_length} characters.`;
      if (typeof element.max_length === 'number' && text.length > element.max_length) return `Please enter at most ${element.max_length} characters.`;
      return null;
    case 'email_text_input':
      return EMAIL.test(text.trim()) ? null : 'Please enter a valid email address.';
    case 'url_text_input':
      return URL_TEXT.test(text.trim()) ? null : 'Please enter a valid URL, starting with http:// or https://.';
    case 'number_input': {
      const number = Number(text);
      if (text.trim() === '' || !Number.isFinite(number)) return 'Please enter a number.';
      if (element.is_decimal_allowed !== true && !Number.isInteger(number)) return 'Please enter a whole number.';
      if (element.min_value !== undefined && number < Number(element.min_value)) return `Please enter a number of at least ${element.min_value}.`;
      if (element.max_value !== undefined && number > Number(element.max_value)) return `Please enter a number of at most ${element.max_value}.`;
      return null;
    }
    case 'multi_static_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select': {
      const chosen = /** @type {unknown[]} */ (entry.selected_options ?? entry.selected_users ?? entry.selected_conversations ?? entry.selected_channels ?? []);
      if (typeof element.max_selected_items === 'number' && chosen.length > element.max_selected_items) {
        return `Please choose at most ${element.max_selected_items}.`;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * A readable label for an option list entry (used by the renderer and for aria labels).
 * @param {SlackObject} option
 */
export function optionLabel(option) {
  return plainTextOf(option.text);
}
