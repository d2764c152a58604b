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
      () =>
        reject(
          new AppError('cronofy_unavailable', {
            message: `Cronofy ${operation} timed out after ${timeoutMs} ms`,
            userMessage: 'Cronofy did not answer in time. Please try again in a few minutes.',
            details: { timedOut: true },
          }),
        ),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** How one attempt ended, for the log line of a call that gave up. */
function outcomeOf(error: AppError): string {
  if (typeof error.details?.status === 'number') return `HTTP ${error.details.status}`;
  return error.details?.timedOut ? 'timeout' : 'no response';
}

/**
 * The last error, its log message naming every attempt (`HTTP 503, timeout, HTTP 503`) and the time spent, so a
 * persistent outage reads differently in the log from one unlucky request. Code and user message stay.
 */
function gaveUp(error: AppError, outcomes: string[], startedAt: number): AppError {
  const attempts = outcomes.length;
  return new AppError(error.code, {
    message: `${error.message} (gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Date.now() - startedAt} ms: ${outcomes.join(', ')})`,
    userMessage: error.userMessage,
    cause: error.cause ?? error,
    details: { ...error.details, attempts },
  });
}

/** For calls that must not run twice (single-use codes, rotating refresh tokens): only a 429 was surely not processed. */
export function isRateLimited(error: AppError): boolean {
  return error.code === 'cronofy_rate_limited';
}

export async function withRetries<T>(
  operation: string,
  call: () => Promise<T>,
  toError: (error: unknown) => AppError,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  retryable: (error: AppError) => boolean = isRetryable,
): Promise<T> {
  const startedAt = Date.now();
  const outcomes: string[] = [];
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await withTimeout(call(), policy.timeoutMs, operation);
    } catch (raw) {
      const error = toError(raw);
      if (!isRetryable(error)) throw error;
      outcomes.push(outcomeOf(error));
      if (!retryable(error) || attempt + 1 >= policy.attempts) throw gaveUp(error, outcomes, startedAt);
      await sleep(backoffDelay(attempt, policy));
    }
  }
}
