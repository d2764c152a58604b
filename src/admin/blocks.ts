// Small Block Kit builders the admin surfaces share, kept within Slack's text limits.
import type { types } from '@slack/bolt';

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;
export type PlainTextOption = types.PlainTextOption;

/** Slack's three control characters in mrkdwn; names and reasons from outside pass through here. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export const plain = (text: string, max = 75) => ({ type: 'plain_text' as const, text: truncate(text, max) });
export const mrkdwn = (text: string, max = 3000) => ({ type: 'mrkdwn' as const, text: truncate(text, max) });

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, 150) };
}

export function section(text: string, accessory?: types.SectionBlock['accessory'], blockId?: string): KnownBlock {
  return { type: 'section', text: mrkdwn(text), ...(accessory ? { accessory } : {}), ...(blockId ? { block_id: blockId } : {}) };
}

/** Sections of at most ten fields each (Slack's limit), 2,000 characters per field. */
export function fieldSections(fields: string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += 10) blocks.push({ type: 'section', fields: fields.slice(i, i + 10).map((f) => mrkdwn(f, 2000)) });
  return blocks;
}

export function context(text: string): KnownBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

export const divider: KnownBlock = { type: 'divider' };

export function button(options: { actionId: string; text: string; value?: string; style?: 'primary' | 'danger'; confirm?: { title: string; text: string; confirm: string } }): Button {
  return {
    type: 'button',
    action_id: options.actionId,
    text: plain(options.text),
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.confirm
      ? { confirm: { title: plain(options.confirm.title, 100), text: mrkdwn(options.confirm.text, 300), confirm: plain(options.confirm.confirm, 30), deny: plain('Cancel', 30) } }
      : {}),
  };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}
