// Drives /integrations through the Slack simulator as a person would, and reads back what Slotline answered.
import type { EphemeralRecord, ResponseUrlPostRecord } from '../../../../src/simulators/slack';
import type { Harness } from '../../../support/harness';

export interface Reply {
  text: string;
  blocks?: Array<Record<string, unknown>>;
  replace_original?: boolean;
}

/** Runs the command and resolves with the n-th answer posted to its response_url. */
export async function runIntegrations(harness: Harness, userId: string, text: string, options: { nth?: number; timeoutMs?: number } = {}): Promise<Reply> {
  const since = harness.slack.seq;
  const result = await harness.slack.slashCommand({ teamId: harness.teamId, userId, command: '/integrations', text });
  if (result.status !== 200 || !result.ackedInTime) throw new Error(`/integrations ${text} was not acked in time (HTTP ${result.status}, ${result.ackMs} ms)`);
  const nth = options.nth ?? 1;
  let seen = 0;
  const post = (await harness.slack.waitFor((record) => record.kind === 'responseUrlPost' && record.url === result.responseUrl && record.status === 200 && ++seen === nth, {
    since,
    timeoutMs: options.timeoutMs ?? 5000,
  })) as ResponseUrlPostRecord;
  return post.body as Reply;
}

/** The ephemeral message a response_url answer created (to click its buttons). */
export async function ephemeralWithText(harness: Harness, userId: string, fragment: string, since = 0): Promise<EphemeralRecord> {
  return (await harness.slack.waitFor((record) => record.kind === 'ephemeral' && record.userId === userId && JSON.stringify(record.blocks ?? record.text).includes(fragment), { since })) as EphemeralRecord;
}

export function allText(reply: unknown): string {
  return JSON.stringify(reply ?? {});
}
