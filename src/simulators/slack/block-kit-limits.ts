// The Block Kit limits Slack enforces, reported as Slack does: "<problem> [json-pointer:/blocks/0/text/text]".
import type { SlackObject } from './records';

const MAX_MESSAGE_BLOCKS = 50;
const MAX_VIEW_BLOCKS = 100;
export const MAX_MESSAGE_TEXT = 40_000;

type Problems = string[];

function isObject(value: unknown): value is SlackObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return isObject(value) && typeof value.text === 'string' ? value.text : null;
}

function checkLength(problems: Problems, value: unknown, max: number, pointer: string): void {
  const text = textOf(value);
  if (text !== null && text.length > max) problems.push(`must be less than ${max + 1} characters [json-pointer:${pointer}]`);
}

function checkCount(problems: Problems, items: unknown, max: number, pointer: string): void {
  if (Array.isArray(items) && items.length > max) problems.push(`no more than ${max} items allowed [json-pointer:${pointer}]`);
}

function checkOptions(problems: Problems, options: unknown, pointer: string): void {
  if (!Array.isArray(options)) return;
  options.forEach((option, i) => {
    if (!isObject(option)) return;
    checkLength(problems, option.text, 75, `${pointer}/${i}/text/text`);
    checkLength(problems, option.value, 150, `${pointer}/${i}/value`);
    checkLength(problems, option.description, 75, `${pointer}/${i}/description/text`);
  });
}

function checkElement(problems: Problems, element: SlackObject, pointer: string): void {
  checkLength(problems, element.action_id, 255, `${pointer}/action_id`);
  if (element.type === 'button') {
    checkLength(problems, element.text, 75, `${pointer}/text/text`);
    checkLength(problems, element.value, 2000, `${pointer}/value`);
    checkLength(problems, element.url, 3000, `${pointer}/url`);
    if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
      problems.push(`must be one of primary, danger [json-pointer:${pointer}/style]`);
    }
  }
  const optionLimit = element.type === 'radio_buttons' || element.type === 'checkboxes' ? 10 : 100;
  checkCount(problems, element.options, optionLimit, `${pointer}/options`);
  checkCount(problems, element.option_groups, 100, `${pointer}/option_groups`);
  checkOptions(problems, element.options, `${pointer}/options`);
}

function checkBlock(problems: Problems, block: unknown, pointer: string, seenBlockIds: Set<string>): void {
  if (!isObject(block) || typeof block.type !== 'string') {
    problems.push(`missing required field: type [json-pointer:${pointer}]`);
    return;
  }
  if (typeof block.block_id === 'string') {
    checkLength(problems, block.block_id, 255, `${pointer}/block_id`);
    if (seenBlockIds.has(block.block_id)) problems.push(`duplicate block_id [json-pointer:${pointer}/block_id]`);
    seenBlockIds.add(block.block_id);
  }
  switch (block.type) {
    case 'section':
      checkLength(problems, block.text, 3000, `${pointer}/text/text`);
      checkCount(problems, block.fields, 10, `${pointer}/fields`);
      if (Array.isArray(block.fields)) block.fields.forEach((field, i) => checkLength(problems, field, 2000, `${pointer}/fields/${i}/text`));
      if (isObject(block.accessory)) checkElement(problems, block.accessory, `${pointer}/accessory`);
      break;
    case 'header':
      checkLength(problems, block.text, 150, `${pointer}/text/text`);
      break;
    case 'actions': {
      checkCount(problems, block.elements, 25, `${pointer}/elements`);
      const elements = Array.isArray(block.elements) ? block.elements : [];
      const actionIds = new Set<unknown>();
      elements.forEach((element, i) => {
        if (!isObject(element)) return;
        checkElement(problems, element, `${pointer}/elements/${i}`);
        if (element.action_id !== undefined && actionIds.has(element.action_id)) {
          problems.push(`duplicate action_id [json-pointer:${pointer}/elements/${i}/action_id]`);
        }
        actionIds.add(element.action_id);
      });
      break;
    }
    case 'input':
      checkLength(problems, block.label, 2000, `${pointer}/label/text`);
      checkLength(problems, block.hint, 2000, `${pointer}/hint/text`);
      if (!isObject(block.element)) problems.push(`missing required field: element [json-pointer:${pointer}]`);
      else checkElement(problems, block.element, `${pointer}/element`);
      break;
  }
}

function checkBlocks(problems: Problems, blocks: unknown, max: number, pointer: string): void {
  if (!Array.isArray(blocks)) {
    problems.push(`must be an array [json-pointer:${pointer}]`);
    return;
  }
  checkCount(problems, blocks, max, pointer);
  const seenBlockIds = new Set<string>();
  blocks.forEach((block, i) => checkBlock(problems, block, `${pointer}/${i}`, seenBlockIds));
}

export function messageBlockProblems(blocks: unknown): string[] {
  const problems: Problems = [];
  checkBlocks(problems, blocks, MAX_MESSAGE_BLOCKS, '/blocks');
  return problems;
}

export function viewProblems(view: unknown): string[] {
  const problems: Problems = [];
  if (!isObject(view)) return [`must be an object [json-pointer:/view]`];
  if (view.type !== 'modal' && view.type !== 'home') problems.push(`must be one of modal, home [json-pointer:/view/type]`);
  checkBlocks(problems, view.blocks, MAX_VIEW_BLOCKS, '/view/blocks');
  if (view.type === 'modal') {
    if (!isObject(view.title)) problems.push(`missing required field: title [json-pointer:/view]`);
    for (const key of ['title', 'submit', 'close']) checkLength(problems, view[key], 24, `/view/${key}/text`);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((block) => isObject(block) && block.type === 'input');
    if (hasInput && !isObject(view.submit)) problems.push(`must provide submit when an input block is present [json-pointer:/view/submit]`);
  }
  checkLength(problems, view.private_metadata, 3000, '/view/private_metadata');
  checkLength(problems, view.callback_id, 255, '/view/callback_id');
  checkLength(problems, view.external_id, 255, '/view/external_id');
  return problems;
}
