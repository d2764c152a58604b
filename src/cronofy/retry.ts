// Retries Cronofy calls that failed with 429 or 5xx, with exponential backoff and jitter, and bounds each attempt in time.
import { AppError } from '../errors';
import { isRetryable } from './errors';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000, timeoutMs: 15_000 };

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, operation: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('cronofy_unavailable', { message: `Cronofy ${operation} timed out after ${timeoutMs} ms`, userMessage: 'Cronofy did not answer in time. Please try again in a few minutes.' })),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function withRetries<T>(
  operation: string,
  call: () => Promise<T>,
  toError: (error: unknown) => AppError,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await withTimeout(call(), policy.timeoutMs, operation);
    } catch (raw) {
      const error = toError(raw);
      if (!isRetryable(error) || attempt + 1 >= policy.attempts) throw error;
      await sleep(backoffDelay(attempt, policy));
    }
  }
}
