// Test helpers for the checklist DM: find its buttons, and play the person's browser through a Connect button
// (Slotline's short link → Cronofy simulator's page → Slotline's callback) over real HTTP.
import { consent, consentConferencing } from '../../src/simulators/cronofy';
import type { MessageRecord, SlackObject } from '../../src/simulators/slack';
import type { ConferencingProvider } from '../../src/simulators/cronofy';
import type { Clock } from '../../src/platform/clock';
import type { Harness } from './harness';

export interface Page {
  status: number;
  location: string | null;
  html: string;
}

export async function get(url: string): Promise<Page> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

/** The <h1> of a result page, without its icon. */
export function pageTitle(page: Page): string {
  return (/<h1>[^ ]* ([^<]*)<\/h1>/.exec(page.html)?.[1] ?? '').replace(/&#39;/g, "'");
}

export function buttons(blocks: SlackObject[] | null | undefined): Array<{ actionId: string; text: string; url?: string }> {
  return (blocks ?? []).flatMap((block) => {
    const elements = block.type === 'actions' ? (block.elements as SlackObject[]) : block.accessory ? [block.accessory as SlackObject] : [];
    return elements.filter((e) => e.type === 'button').map((e) => ({ actionId: String(e.action_id), text: String((e.text as { text: string }).text), url: e.url as string | undefined }));
  });
}

export function buttonUrl(blocks: SlackObject[] | null | undefined, actionId: string): string {
  const found = buttons(blocks).find((b) => b.actionId === actionId);
  if (!found?.url) throw new Error(`no URL button ${actionId}; buttons: ${buttons(blocks).map((b) => b.actionId).join(', ')}`);
  return found.url;
}

export function blocksText(blocks: SlackObject[] | null | undefined): string {
  return JSON.stringify(blocks ?? []);
}

/** The person's current checklist message (the one Employee.dmTs points at), as the Slack simulator shows it. */
export async function checklistMessage(harness: Harness, slackUserId: string): Promise<MessageRecord> {
  const workspaceId = await harness.workspaceId();
  const employee = await harness.ctx.db.employee.findUniqueOrThrow({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } });
  const message = harness.slack.messages(employee.dmChannelId ?? undefined).find((m) => m.ts === employee.dmTs);
  if (!message) throw new Error(`${slackUserId} has no checklist DM`);
  return message;
}

/** Waits until the person's current checklist satisfies `predicate` (updates arrive through background jobs). */
export async function waitForChecklist(harness: Harness, slackUserId: string, predicate: (message: MessageRecord) => boolean, timeoutMs = 4000): Promise<MessageRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await checklistMessage(harness, slackUserId).catch(() => undefined);
    if (message && predicate(message)) return message;
    if (Date.now() > deadline) throw new Error(`checklist of ${slackUserId} never matched; last: ${message ? blocksText(message.blocks).slice(0, 600) : 'none'}`);
    await harness.slack.waitFor((record) => record.kind === 'message', { since: harness.slack.seq, timeoutMs: 200 }).catch(() => undefined);
  }
}

/** Opens a calendar Connect/Relink button like a browser: Slotline link → Cronofy sign-in → Slotline callback. */
export async function connectCalendarThroughButton(url: string, choice: { email: string; allow: boolean }): Promise<Page> {
  const start = await get(url);
  if (start.status !== 302 || !start.location) return start;
  const { location } = await consent(start.location, choice);
  return get(location);
}

export async function connectConferencingThroughButton(url: string, choice: { provider: ConferencingProvider; allow: boolean }): Promise<Page> {
  const start = await get(url);
  if (start.status !== 302 || !start.location) return start;
  const { location } = await consentConferencing(start.location, choice);
  return get(location);
}

/** Real time, shifted: jobs and links see time pass normally, and a test can jump ahead. */
export function shiftableClock(start?: Date): Clock & { advance(ms: number): void } {
  let offset = start ? start.getTime() - Date.now() : 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
