// A long operation's live progress, updated in place in the admin's DM: done / total, failures so far and
// time left, throttled to stay inside chat.update's rate tier, ending with a summary.
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { count, readinessBar } from './bars';
import { context, section, type KnownBlock } from './blocks';

export interface ProgressState {
  title: string;
  done: number;
  total: number;
  failed: number;
  /** Seconds, or null before there is a rate to extrapolate from. */
  secondsLeft: number | null;
}

export function timeLeftText(seconds: number | null): string {
  if (seconds === null) return 'estimating time left';
  if (seconds < 60) return `about ${Math.max(1, Math.ceil(seconds))} s left`;
  if (seconds < 3600) return `about ${Math.ceil(seconds / 60)} min left`;
  return `about ${Math.round(seconds / 360) / 10} h left`;
}

export function progressText(state: ProgressState): string {
  return `${state.title}: ${count(state.done)} / ${count(state.total)} · ${count(state.failed)} failed · ${timeLeftText(state.secondsLeft)}`;
}

export function progressBlocks(state: ProgressState): KnownBlock[] {
  return [
    section(`*${state.title}…*\n\`${readinessBar(state.done, state.total)}\``),
    context(`${count(state.done)} / ${count(state.total)} done · ${count(state.failed)} failed so far · ${timeLeftText(state.secondsLeft)}`),
  ];
}

export function estimateSecondsLeft(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || elapsedMs <= 0) return null;
  return ((total - done) * elapsedMs) / done / 1000;
}

export interface ProgressMessage {
  /** Shows the new counts if enough time passed since the last update (or `force`). */
  update(done: number, failed?: number, force?: boolean): Promise<void>;
  finish(reply: { text: string; blocks: KnownBlock[] }): Promise<void>;
}

/** chat.update is Tier 3 (50+/min per workspace): one update every two seconds leaves room for others. */
export const PROGRESS_MIN_INTERVAL_MS = 2_000;

export function createProgressMessage(deps: {
  client: WebClient;
  channel: string;
  ts: string;
  title: string;
  total: number;
  clock: Clock;
  logger: Logger;
  minIntervalMs?: number;
}): ProgressMessage {
  const { client, channel, ts, title, total, clock, logger } = deps;
  const minIntervalMs = deps.minIntervalMs ?? PROGRESS_MIN_INTERVAL_MS;
  const startedAt = clock.now().getTime();
  let lastShownAt = startedAt;

  const show = async (text: string, blocks: KnownBlock[]) => {
    try {
      await client.chat.update({ channel, ts, text, blocks });
    } catch (error) {
      // Progress is a courtesy: a failed update must not fail the operation it reports on.
      logger.warn('could not update a progress message', { channel, error: error instanceof Error ? error.message : String(error) });
    }
  };

  return {
    async update(done, failed = 0, force = false) {
      const now = clock.now().getTime();
      if (!force && now - lastShownAt < minIntervalMs) return;
      lastShownAt = now;
      const state = { title, done, total, failed, secondsLeft: estimateSecondsLeft(done, total, now - startedAt) };
      await show(progressText(state), progressBlocks(state));
    },
    finish: ({ text, blocks }) => show(text, blocks),
  };
}
