import { AppError } from '../../src/errors';
import { backoffDelay, isRateLimited, withRetries } from '../../src/cronofy/retry';
import { cronofyError } from '../../src/cronofy/errors';

const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, timeoutMs: 200 };
const noSleep = async () => undefined;
const httpError = (statusCode: number, entity: unknown = {}) => Object.assign(new Error('http'), { statusCode, error: { entity } });

describe('Cronofy retries and error mapping', () => {
  it('retries 429 and 5xx, then succeeds', async () => {
    const call = jest.fn().mockRejectedValueOnce(httpError(429)).mockRejectedValueOnce(httpError(503)).mockResolvedValue('ok');
    await expect(withRetries('availability', call, (e) => cronofyError(e, 'availability'), policy, noSleep)).resolves.toBe('ok');
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('gives up after the last attempt with a clear message', async () => {
    const call = jest.fn().mockRejectedValue(httpError(502));
    await expect(withRetries('availability', call, (e) => cronofyError(e, 'availability'), policy, noSleep)).rejects.toMatchObject({ code: 'cronofy_unavailable', userMessage: expect.stringMatching(/Cronofy is having trouble/) });
    expect(call).toHaveBeenCalledTimes(3);
  });

  it('names every attempt and the time spent in the log message of a call that gave up; the person’s message stays kind', async () => {
    const call = jest.fn().mockRejectedValueOnce(httpError(429)).mockRejectedValueOnce(new Error('socket hang up')).mockRejectedValue(httpError(503));
    const error = (await withRetries('availability', call, (e) => cronofyError(e, 'availability'), policy, noSleep).catch((e: AppError) => e)) as AppError;
    expect(error).toMatchObject({ code: 'cronofy_unavailable', details: { status: 503, attempts: 3 }, userMessage: 'Cronofy is having trouble right now. Please try again in a few minutes.' });
    expect(error.message).toMatch(/^Cronofy availability: 503 server error \(gave up after 3 attempts in \d+ ms: HTTP 429, no response, HTTP 503\)$/);
  });

  it('names a timeout among the attempts', async () => {
    const call = () => new Promise<never>(() => undefined);
    const error = (await withRetries('availability', call, (e) => cronofyError(e, 'availability'), { ...policy, attempts: 2, timeoutMs: 20 }, noSleep).catch((e: AppError) => e)) as AppError;
    expect(error).toMatchObject({ code: 'cronofy_unavailable', userMessage: expect.stringMatching(/did not answer in time/) });
    expect(error.message).toMatch(/timed out after 20 ms \(gave up after 2 attempts in \d+ ms: timeout, timeout\)$/);
  });

  it('retries a call that must not run twice only after a 429, which Cronofy refused before doing anything', async () => {
    const limited = jest.fn().mockRejectedValueOnce(httpError(429)).mockResolvedValue('tokens');
    await expect(withRetries('token exchange', limited, (e) => cronofyError(e, 'token exchange'), policy, noSleep, isRateLimited)).resolves.toBe('tokens');
    expect(limited).toHaveBeenCalledTimes(2);

    const down = jest.fn().mockRejectedValue(httpError(502));
    const error = await withRetries('token exchange', down, (e) => cronofyError(e, 'token exchange'), policy, noSleep, isRateLimited).catch((e: AppError) => e);
    expect(down).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ code: 'cronofy_unavailable', message: expect.stringContaining('gave up after 1 attempt in') });
  });

  it('does not retry a 422 and reports its field errors', async () => {
    const call = jest.fn().mockRejectedValue(httpError(422, { errors: { event_id: [{ key: 'errors.required', description: 'required' }] } }));
    const error = await withRetries('event upsert', call, (e) => cronofyError(e, 'event upsert'), policy, noSleep).catch((e: AppError) => e);
    expect(error).toMatchObject({ code: 'cronofy_validation', userMessage: expect.stringContaining('event_id: required') });
    expect(call).toHaveBeenCalledTimes(1);
  });

  it('times out a call that never answers', async () => {
    const call = () => new Promise<never>(() => undefined);
    await expect(withRetries('userinfo', call, (e) => cronofyError(e, 'userinfo'), { ...policy, attempts: 1, timeoutMs: 20 }, noSleep)).rejects.toMatchObject({ code: 'cronofy_unavailable', message: expect.stringMatching(/timed out/) });
  });

  it('maps invalid_grant, 401, 403 and 423 to their own codes', () => {
    expect(cronofyError(httpError(400, { error: 'invalid_grant' }), 'x').code).toBe('cronofy_invalid_grant');
    expect(cronofyError(httpError(401), 'x').code).toBe('cronofy_unauthorized');
    expect(cronofyError(httpError(403), 'x').code).toBe('cronofy_forbidden');
    expect(cronofyError(httpError(423), 'x').code).toBe('cronofy_locked');
  });

  it('keeps backoff within its ceiling', () => {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const delay = backoffDelay(attempt, policy, () => 1);
      expect(delay).toBeLessThanOrEqual(policy.maxDelayMs);
    }
    expect(backoffDelay(0, policy, () => 0)).toBe(50);
  });
});
