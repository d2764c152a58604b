import { AppError } from '../../src/errors';
import { createTokenManager, type StoredTokens, type TokenStorage } from '../../src/cronofy/token-manager';
import { fakeClock } from '../support/fakes';

function memoryStorage(initial: StoredTokens | null) {
  let tokens = initial;
  const broken: string[] = [];
  const storage: TokenStorage<string> = {
    load: async () => tokens,
    save: async (_key, next) => {
      tokens = next;
    },
    markBroken: async (_key, failure) => {
      broken.push(failure);
    },
  };
  return { storage, broken, current: () => tokens };
}

const unauthorized = () => new AppError('cronofy_unauthorized', { message: '401' });

describe('token manager', () => {
  it('refreshes on a 401 and retries the call once with the new token', async () => {
    const clock = fakeClock();
    const { storage, current } = memoryStorage({ accessToken: 'old', refreshToken: 'r1', expiresAt: new Date(clock.now().getTime() + 3_600_000) });
    const refresh = jest.fn(async () => ({ access_token: 'new', refresh_token: 'r2', expires_in: 3600 }));
    const manager = createTokenManager({ storage, refresh, clock, keyOf: (k: string) => k });
    const seen: string[] = [];
    const result = await manager.withAccessToken('emp', async (token) => {
      seen.push(token);
      if (token === 'old') throw unauthorized();
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(seen).toEqual(['old', 'new']);
    expect(current()).toMatchObject({ accessToken: 'new', refreshToken: 'r2' });
  });

  it('collapses concurrent refreshes for the same person into one', async () => {
    const clock = fakeClock();
    const { storage } = memoryStorage({ accessToken: 'old', refreshToken: 'r1', expiresAt: new Date(clock.now().getTime() - 1) });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const refresh = jest.fn(async () => {
      await gate;
      return { access_token: 'new', refresh_token: 'r2', expires_in: 3600 };
    });
    const manager = createTokenManager({ storage, refresh, clock, keyOf: (k: string) => k });
    const calls = Array.from({ length: 5 }, () => manager.withAccessToken('emp', async (token) => token));
    release();
    expect(await Promise.all(calls)).toEqual(['new', 'new', 'new', 'new', 'new']);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('marks the credentials broken when refresh answers invalid_grant', async () => {
    const clock = fakeClock();
    const { storage, broken } = memoryStorage({ accessToken: 'old', refreshToken: 'r1', expiresAt: null });
    const refresh = async () => {
      throw new AppError('cronofy_invalid_grant', { message: 'invalid_grant' });
    };
    const manager = createTokenManager({ storage, refresh, clock, keyOf: (k: string) => k });
    await expect(manager.withAccessToken('emp', async () => Promise.reject(unauthorized()))).rejects.toMatchObject({ code: 'cronofy_invalid_grant' });
    expect(broken).toEqual(['invalid_grant']);
  });

  it('marks the credentials broken when a refreshed token is still refused, and on 423 Locked', async () => {
    const clock = fakeClock();
    const first = memoryStorage({ accessToken: 'old', refreshToken: 'r1', expiresAt: null });
    const manager = createTokenManager({ storage: first.storage, refresh: async () => ({ access_token: 'new', expires_in: 3600 }), clock, keyOf: (k: string) => k });
    await expect(manager.withAccessToken('emp', async () => Promise.reject(unauthorized()))).rejects.toMatchObject({ code: 'cronofy_unauthorized' });
    expect(first.broken).toEqual(['unauthorized']);

    const second = memoryStorage({ accessToken: 'old', refreshToken: 'r1', expiresAt: null });
    const locked = createTokenManager({ storage: second.storage, refresh: async () => ({ access_token: 'x' }), clock, keyOf: (k: string) => k });
    await expect(locked.withAccessToken('emp', async () => Promise.reject(new AppError('cronofy_locked', { message: '423' })))).rejects.toMatchObject({ code: 'cronofy_locked' });
    expect(second.broken).toEqual(['locked']);
  });

  it('passes other failures through untouched and says when nothing is connected', async () => {
    const clock = fakeClock();
    const { storage, broken } = memoryStorage({ accessToken: 'a', refreshToken: 'r', expiresAt: null });
    const manager = createTokenManager({ storage, refresh: async () => ({ access_token: 'x' }), clock, keyOf: (k: string) => k });
    await expect(manager.withAccessToken('emp', async () => Promise.reject(new AppError('cronofy_validation', { message: '422' })))).rejects.toMatchObject({ code: 'cronofy_validation' });
    expect(broken).toEqual([]);
    const empty = createTokenManager({ storage: memoryStorage(null).storage, refresh: async () => ({ access_token: 'x' }), clock, keyOf: (k: string) => k });
    await expect(empty.withAccessToken('emp', async () => 'never')).rejects.toMatchObject({ userMessage: expect.stringMatching(/not connected/) });
  });
});
