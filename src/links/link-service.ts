// Issues and redeems single-use, expiring links and OAuth states bound to a workspace, a person and a purpose.
import type { Db } from '../db/client';
import { AppError } from '../errors';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';
import { createLinkToken, hashLinkToken, hasValidSignature } from './link-token';

export const LINK_PURPOSES = [
  'calendar_connect',
  'calendar_callback',
  'conferencing_connect',
  'conferencing_callback',
  'enterprise_connect',
  'enterprise_callback',
  'calendar_sync',
] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface IssuedLink {
  token: string;
  url: string;
  expiresAt: Date;
}

export interface RedeemedLink {
  workspaceId: string;
  slackUserId: string;
  purpose: LinkPurpose;
  provider: string | null;
  data: Record<string, unknown>;
}

export interface LinkRequest {
  purpose: LinkPurpose;
  provider?: string;
  data?: Record<string, unknown>;
}

export interface LinkService {
  issue(options: { workspaceId: string; slackUserId: string; purpose: LinkPurpose; provider?: string; data?: Record<string, unknown>; ttlMinutes: number; path?: string }): Promise<IssuedLink>;
  /** Several links for one person in one write (a checklist's Connect buttons), in the order asked. */
  issueMany(options: { workspaceId: string; slackUserId: string; links: readonly LinkRequest[]; ttlMinutes: number; path?: string }): Promise<IssuedLink[]>;
  /** Marks the token used and returns what it was bound to; throws link_invalid / link_expired / link_used. */
  redeem(token: string, purposes: readonly LinkPurpose[]): Promise<RedeemedLink>;
}

export function createLinkService(deps: { db: Db; clock: Clock; ids: IdGenerator; signingKey: Buffer; publicUrl: string }): LinkService {
  const { db, clock, ids, signingKey, publicUrl } = deps;

  const invalid = (why: string) =>
    new AppError('link_invalid', { message: `link refused: ${why}`, userMessage: 'This link is not valid. Open the latest message from Slotline in Slack and use its button.' });
  const expired = (why: string) =>
    new AppError('link_expired', { message: `link refused: ${why}`, userMessage: 'This link has expired. Open the latest message from Slotline in Slack for a fresh one.' });

  const issueMany: LinkService['issueMany'] = async ({ workspaceId, slackUserId, links, ttlMinutes, path = '/l' }) => {
    if (links.length === 0) return [];
    const expiresAt = new Date(clock.now().getTime() + ttlMinutes * 60_000);
    const issued = links.map((link) => ({ link, token: createLinkToken(signingKey) }));
    await db.oAuthState.createMany({
      data: issued.map(({ link, token }) => ({
        id: ids.id(),
        tokenHash: hashLinkToken(token),
        workspaceId,
        slackUserId,
        purpose: link.purpose,
        provider: link.provider ?? null,
        data: link.data ? JSON.stringify(link.data) : null,
        expiresAt,
      })),
    });
    return issued.map(({ token }) => ({ token, url: `${publicUrl}${path}/${token}`, expiresAt }));
  };

  return {
    async issue({ workspaceId, slackUserId, purpose, provider, data, ttlMinutes, path }) {
      const [issued] = await issueMany({ workspaceId, slackUserId, links: [{ purpose, provider, data }], ttlMinutes, path });
      return issued;
    },

    issueMany,

    async redeem(token, purposes) {
      if (!hasValidSignature(signingKey, token)) throw invalid('bad signature or format');
      const tokenHash = hashLinkToken(token);
      const now = clock.now();
      const claimed = await db.oAuthState.updateMany({
        where: { tokenHash, consumedAt: null, expiresAt: { gt: now }, purpose: { in: [...purposes] } },
        data: { consumedAt: now },
      });
      const state = await db.oAuthState.findUnique({ where: { tokenHash } });
      // The signature proves Slotline issued it; its row goes only long after expiry (src/housekeeping), so a late click still reads "expired".
      if (!state) throw expired('signed by Slotline but no longer stored (pruned after expiry, or its workspace was removed)');
      if (!purposes.includes(state.purpose as LinkPurpose)) throw invalid(`purpose ${state.purpose} not accepted here`);
      if (claimed.count === 0) {
        if (state.consumedAt) {
          throw new AppError('link_used', { message: 'link refused: already used', userMessage: 'This link has already been used. Each link works once: open the latest message from Slotline in Slack for a fresh one.' });
        }
        throw expired('expired');
      }
      return {
        workspaceId: state.workspaceId,
        slackUserId: state.slackUserId,
        purpose: state.purpose as LinkPurpose,
        provider: state.provider,
        data: state.data ? (JSON.parse(state.data) as Record<string, unknown>) : {},
      };
    },
  };
}
