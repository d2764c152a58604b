// The Enterprise Connect service account's Cronofy tokens (encrypted in EnterpriseConnectLink) behind the token manager.
import type { Db } from '../db/client';
import type { TokenCipher } from '../crypto/token-cipher';
import type { CronofyGateway } from '../cronofy/cronofy-gateway';
import { createTokenManager, type StoredTokens, type TokenManager } from '../cronofy/token-manager';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';

export type ServiceAccountCredentials = TokenManager<string> & {
  /** Decrypted tokens of a link, or null once they were cleared (unlinked). */
  load(linkId: string): Promise<StoredTokens | null>;
};

/** Why a link stopped working, as stored in EnterpriseConnectLink.reason. */
const REASONS = { invalid_grant: 'service_account_revoked', unauthorized: 'service_account_expired', locked: 'service_account_locked' } as const;

export function createServiceAccountCredentials(deps: { db: Db; cipher: TokenCipher; cronofy: CronofyGateway; clock: Clock; logger: Logger }): ServiceAccountCredentials {
  const { db, cipher, cronofy, clock, logger } = deps;

  async function load(linkId: string): Promise<StoredTokens | null> {
    const row = await db.enterpriseConnectLink.findUnique({ where: { id: linkId } });
    if (!row?.accessTokenEnc) return null;
    return {
      accessToken: cipher.decrypt(row.accessTokenEnc),
      refreshToken: row.refreshTokenEnc ? cipher.decrypt(row.refreshTokenEnc) : null,
      expiresAt: row.accessTokenExpiresAt,
    };
  }

  const manager = createTokenManager<string>({
    clock,
    keyOf: (linkId) => linkId,
    refresh: (refreshToken) => cronofy.refreshToken(refreshToken),
    storage: {
      load,
      async save(linkId, tokens) {
        // An unlink that happened during a refresh wins: tokens are only written back to a live link.
        await db.enterpriseConnectLink.updateMany({
          where: { id: linkId, state: { in: ['active', 'broken'] } },
          data: {
            accessTokenEnc: cipher.encrypt(tokens.accessToken),
            refreshTokenEnc: tokens.refreshToken ? cipher.encrypt(tokens.refreshToken) : null,
            accessTokenExpiresAt: tokens.expiresAt,
          },
        });
      },
      async markBroken(linkId, failure) {
        const { count } = await db.enterpriseConnectLink.updateMany({ where: { id: linkId, state: 'active' }, data: { state: 'broken', reason: REASONS[failure] } });
        if (count > 0) logger.warn('Enterprise Connect service account stopped working', { linkId, failure });
      },
    },
  });

  return { ...manager, load };
}
