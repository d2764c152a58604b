// Reading Block Kit as Slack does: filling in missing ids, finding interactive elements, deriving `state.values`.
import type { ActionState, SlackObject, StateValues } from './records';

export interface LocatedElement {
  block: SlackObject;
  blockId: string;
  element: SlackObject;
  actionId: string;
}

function isObject(value: unknown): value is SlackObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Interactive elements of one block: a section's accessory, an actions block's elements, an input's element. */
function blockElements(block: SlackObject): SlackObject[] {
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements.filter(isObject);
  if (block.type === 'section' && isObject(block.accessory)) return [block.accessory];
  if (block.type === 'input' && isObject(block.element)) return [block.element];
  return [];
}

const NON_INTERACTIVE = new Set(['image', 'plain_text', 'mrkdwn']);

/** Slack gives every block a `block_id` and every interactive element an `action_id` when the app left them out. */
export function withFilledIds(blocks: SlackObject[], newId: () => string): SlackObject[] {
  return blocks.map((original) => {
    const block: SlackObject = { ...original, block_id: original.block_id ?? newId() };
    const fill = (element: SlackObject): SlackObject =>
      NON_INTERACTIVE.has(String(element.type)) || element.action_id ? element : { ...element, action_id: newId() };
    if (block.type === 'actions' && Array.isArray(block.elements)) block.elements = block.elements.map((e) => (isObject(e) ? fill(e) : e));
    if (block.type === 'section' && isObject(block.accessory)) block.accessory = fill(block.accessory);
    if (block.type === 'input' && isObject(block.element)) block.element = fill(block.element);
    return block;
  });
}

function locateElements(blocks: readonly SlackObject[]): LocatedElement[] {
  return blocks.flatMap((block) =>
    blockElements(block)
      .filter((element) => typeof element.action_id === 'string')
      .map((element) => ({ block, blockId: String(block.block_id), element, actionId: String(element.action_id) })),
  );
}

export interface ElementQuery {
  actionId: string;
  blockId?: string;
  /** Tells apart several buttons sharing an action_id (allowed across blocks). */
  value?: string;
}

export function findElement(blocks: readonly SlackObject[], query: ElementQuery): LocatedElement {
  const all = locateElements(blocks);
  const match = all.find(
    (located) =>
      located.actionId === query.actionId &&
      (query.blockId === undefined || located.blockId === query.blockId) &&
      (query.value === undefined || located.element.value === query.value),
  );
  if (match) return match;
  const available = all.map((l) => `${l.blockId}/${l.actionId}${typeof l.element.value === 'string' ? `=${l.element.value}` : ''}`);
  throw new Error(
    `No element with action_id "${query.actionId}"${query.blockId ? ` in block "${query.blockId}"` : ''}` +
      `${query.value !== undefined ? ` and value "${query.value}"` : ''}. Rendered elements: ${available.join(', ') || 'none'}`,
  );
}

/** [state key, initial_* key, empty value] per stateful element type. */
const STATE_FIELDS: Record<string, [string, string, unknown]> = {
  plain_text_input: ['value', 'initial_value', null],
  email_text_input: ['value', 'initial_value', null],
  url_text_input: ['value', 'initial_value', null],
  number_input: ['value', 'initial_value', null],
  rich_text_input: ['rich_text_value', 'initial_value', null],
  datepicker: ['selected_date', 'initial_date', null],
  timepicker: ['selected_time', 'initial_time', null],
  datetimepicker: ['selected_date_time', 'initial_date_time', null],
  static_select: ['selected_option', 'initial_option', null],
  external_select: ['selected_option', 'initial_option', null],
  radio_buttons: ['selected_option', 'initial_option', null],
  checkboxes: ['selected_options', 'initial_options', []],
  multi_static_select: ['selected_options', 'initial_options', []],
  multi_external_select: ['selected_options', 'initial_options', []],
  users_select: ['selected_user', 'initial_user', null],
  multi_users_select: ['selected_users', 'initial_users', []],
  conversations_select: ['selected_conversation', 'initial_conversation', null],
  multi_conversations_select: ['selected_conversations', 'initial_conversations', []],
  channels_select: ['selected_channel', 'initial_channel', null],
  multi_channels_select: ['selected_channels', 'initial_channels', []],
};

function isStateful(element: SlackObject): boolean {
  return String(element.type) in STATE_FIELDS;
}

function initialState(element: SlackObject): ActionState {
  const type = String(element.type);
  const [stateKey, initialKey, empty] = STATE_FIELDS[type];
  return { type, [stateKey]: element[initialKey] ?? empty };
}

/** `state.values` for freshly rendered blocks, keeping what the person already entered where block and action ids match. */
export function stateValuesFor(blocks: readonly SlackObject[], previous: StateValues = {}): StateValues {
  const values: StateValues = {};
  for (const { blockId, actionId, element } of locateElements(blocks)) {
    if (!isStateful(element)) continue;
    const kept = previous[blockId]?.[actionId];
    values[blockId] = { ...values[blockId], [actionId]: kept?.type === element.type ? kept : initialState(element) };
  }
  return values;
}

function optionsOf(element: SlackObject): SlackObject[] {
  const direct = Array.isArray(element.options) ? element.options.filter(isObject) : [];
  const grouped = Array.isArray(element.option_groups)
    ? element.option_groups.filter(isObject).flatMap((group) => (Array.isArray(group.options) ? group.options.filter(isObject) : []))
    : [];
  return [...direct, ...grouped];
}

function resolveOption(element: SlackObject, chosen: unknown): SlackObject {
  const value = isObject(chosen) ? chosen.value : chosen;
  const options = optionsOf(element);
  if (options.length === 0 && isObject(chosen)) return chosen;
  const option = options.find((candidate) => candidate.value === value);
  if (!option) {
    const offered = options.map((o) => String(o.value)).join(', ');
    throw new Error(`Option "${String(value)}" is not offered by ${String(element.action_id)} (offers: ${offered})`);
  }
  return option;
}

/**
 * The selection fields of an action (`selected_option`, `selected_date`, …) as Slack would send them.
 * Options may be given by value alone; they are completed from the element and must be among its options.
 */
function completeSelection(element: SlackObject, selection: SlackObject): SlackObject {
  const completed: SlackObject = { ...selection };
  if ('selected_option' in selection && selection.selected_option !== null) {
    completed.selected_option = resolveOption(element, selection.selected_option);
  }
  if (Array.isArray(selection.selected_options)) {
    completed.selected_options = selection.selected_options.map((chosen) => resolveOption(element, chosen));
  }
  return completed;
}

/** The `actions[0]` object of a block_actions payload. */
export function actionPayload(located: LocatedElement, selection: SlackObject, actionTs: string): SlackObject {
  const { element } = located;
  const shown = Object.fromEntries(
    ['text', 'value', 'style', 'url', 'placeholder', 'initial_option', 'initial_date'].filter((k) => k in element).map((k) => [k, element[k]]),
  );
  return {
    type: element.type,
    action_id: located.actionId,
    block_id: located.blockId,
    ...shown,
    ...completeSelection(element, selection),
    action_ts: actionTs,
  };
}

/** The state entry an interaction leaves behind, for stateful elements. */
export function stateAfterSelection(element: SlackObject, selection: SlackObject): ActionState | null {
  if (!isStateful(element)) return null;
  return { ...initialState(element), ...completeSelection(element, selection) };
}
