// Keeps Cronofy access tokens fresh without knowing the database: storage and refresh are injected.
// Refreshes before expiry and on a 401, collapses concurrent refreshes for one key into one, and
// reports credentials that cannot be repaired (invalid_grant, a 401 after refresh, 423 Locked).
import { AppError } from '../errors';
import type { Clock } from '../platform/clock';
import type { TokenResponse } from './schemas';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresAt: Date | null;
}

export type CredentialFailure = 'invalid_grant' | 'unauthorized' | 'locked';

export interface TokenStorage<Key> {
  load(key: Key): Promise<StoredTokens | null>;
  save(key: Key, tokens: StoredTokens): Promise<void>;
  markBroken(key: Key, failure: CredentialFailure, error: AppError): Promise<void>;
}

export interface TokenManager<Key> {
  withAccessToken<T>(key: Key, call: (accessToken: string) => Promise<T>): Promise<T>;
}

const REFRESH_MARGIN_MS = 60_000;

export function toStoredTokens(response: TokenResponse, now: Date, previousRefreshToken: string | null = null): StoredTokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previousRefreshToken,
    expiresAt: response.expires_in ? new Date(now.getTime() + response.expires_in * 1000) : null,
  };
}

export function createTokenManager<Key>(deps: {
  storage: TokenStorage<Key>;
  refresh: (refreshToken: string) => Promise<TokenResponse>;
  clock: Clock;
  keyOf: (key: Key) => string;
}): TokenManager<Key> {
  const { storage, refresh, clock, keyOf } = deps;
  const inFlight = new Map<string, Promise<string>>();

  const notConnected = () =>
    new AppError('cronofy_unauthorized', { message: 'no Cronofy credentials stored', userMessage: 'This calendar is not connected to Slotline yet.' });

  async function broken(key: Key, failure: CredentialFailure, error: AppError): Promise<never> {
    await storage.markBroken(key, failure, error);
    throw error;
  }

  function refreshOnce(key: Key): Promise<string> {
    const id = keyOf(key);
    const running = inFlight.get(id);
    if (running) return running;
    const job = (async () => {
      const current = await storage.load(key);
      if (!current?.refreshToken) return broken(key, 'unauthorized', notConnected());
      try {
        const response = await refresh(current.refreshToken);
        const next = toStoredTokens(response, clock.now(), current.refreshToken);
        await storage.save(key, next);
        return next.accessToken;
      } catch (error) {
        if (error instanceof AppError && (error.code === 'cronofy_invalid_grant' || error.code === 'cronofy_unauthorized')) return broken(key, 'invalid_grant', error);
        throw error;
      }
    })().finally(() => inFlight.delete(id));
    inFlight.set(id, job);
    return job;
  }

  async function freshAccessToken(key: Key): Promise<string> {
    const running = inFlight.get(keyOf(key));
    if (running) return running;
    const tokens = await storage.load(key);
    if (!tokens) throw notConnected();
    const expiring = tokens.expiresAt !== null && tokens.expiresAt.getTime() - REFRESH_MARGIN_MS <= clock.now().getTime();
    return expiring && tokens.refreshToken ? refreshOnce(key) : tokens.accessToken;
  }

  return {
    async withAccessToken(key, call) {
      const attempt = async (accessToken: string, retried: boolean): Promise<Awaited<ReturnType<typeof call>>> => {
        try {
          return await call(accessToken);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          if (error.code === 'cronofy_locked') return broken(key, 'locked', error);
          if (error.code !== 'cronofy_unauthorized') throw error;
          if (retried) return broken(key, 'unauthorized', error);
          return attempt(await refreshOnce(key), true);
        }
      };
      return attempt(await freshAccessToken(key), false);
    },
  };
}
