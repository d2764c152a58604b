// Small Block Kit builders shared by the scheduling modal and messages, keeping text inside Slack's limits.
import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;
export type ModalView = types.ModalView;

/** Slack's mrkdwn treats &, < and > as control characters; people's input must not turn into links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function plain(text: string, max = 2000): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, 3000) };
}

export function section(text: string, accessory?: types.Button): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text), ...(accessory ? { accessory } : {}) };
}

export function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [mrkdwn(text)] };
}

export function button(options: { actionId: string; text: string; value?: string; style?: 'primary' | 'danger'; url?: string; confirm?: types.ConfirmationDialog }): types.Button {
  return {
    type: 'button',
    action_id: options.actionId,
    text: plain(options.text, 75),
    ...(options.value !== undefined ? { value: clip(options.value, 2000) } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.url ? { url: options.url } : {}),
    ...(options.confirm ? { confirm: options.confirm } : {}),
  };
}

export function modal(options: { callbackId: string; title: string; blocks: Block[]; submit?: string; close?: string; privateMetadata?: string }): ModalView {
  return {
    type: 'modal',
    callback_id: options.callbackId,
    title: plain(options.title, 24),
    ...(options.submit ? { submit: plain(options.submit, 24) } : {}),
    close: plain(options.close ?? 'Close', 24),
    blocks: options.blocks.slice(0, 100),
    ...(options.privateMetadata ? { private_metadata: options.privateMetadata } : {}),
  };
}
