// Each employee's Cronofy credentials (encrypted in CalendarConnection) behind the token manager.
import type { Db } from '../db/client';
import type { TokenCipher } from '../crypto/token-cipher';
import type { CronofyGateway } from '../cronofy/cronofy-gateway';
import { createTokenManager, type StoredTokens, type TokenManager } from '../cronofy/token-manager';
import type { Clock } from '../platform/clock';
import type { DomainEventBus } from '../platform/domain-events';

export type CalendarCredentials = TokenManager<string> & {
  /** Stores a fresh token set for an employee (after a code exchange). */
  store(employeeId: string, tokens: StoredTokens): Promise<void>;
};

const REASONS = { invalid_grant: 'authorization_revoked', unauthorized: 'authorization_expired', locked: 'provider_credentials_lost' } as const;

export function createCalendarCredentials(deps: { db: Db; cipher: TokenCipher; cronofy: CronofyGateway; clock: Clock; events: DomainEventBus }): CalendarCredentials {
  const { db, cipher, cronofy, clock, events } = deps;

  const save = async (employeeId: string, tokens: StoredTokens) => {
    await db.calendarConnection.update({
      where: { employeeId },
      data: {
        accessTokenEnc: cipher.encrypt(tokens.accessToken),
        refreshTokenEnc: tokens.refreshToken ? cipher.encrypt(tokens.refreshToken) : null,
        accessTokenExpiresAt: tokens.expiresAt,
      },
    });
  };

  const manager = createTokenManager<string>({
    clock,
    keyOf: (employeeId) => employeeId,
    refresh: (refreshToken) => cronofy.refreshToken(refreshToken),
    storage: {
      async load(employeeId) {
        const row = await db.calendarConnection.findUnique({ where: { employeeId } });
        if (!row?.accessTokenEnc) return null;
        return {
          accessToken: cipher.decrypt(row.accessTokenEnc),
          refreshToken: row.refreshTokenEnc ? cipher.decrypt(row.refreshTokenEnc) : null,
          expiresAt: row.accessTokenExpiresAt,
        };
      },
      save,
      async markBroken(employeeId, failure) {
        const reason = REASONS[failure];
        const now = clock.now();
        // Only the first failure of an episode starts it, so one disconnection gets one relink notice.
        await db.calendarConnection.updateMany({ where: { employeeId, state: { not: 'disconnected' } }, data: { disconnectedAt: now } });
        await db.calendarConnection.update({ where: { employeeId }, data: { state: 'disconnected', reason, lastCheckedAt: now } });
        await events.emit('calendar_disconnected', { employeeId, reason });
      },
    },
  });

  return { ...manager, store: save };
}
