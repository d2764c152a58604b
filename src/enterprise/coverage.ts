// Who an Enterprise Connect link covers: active employees whose email is on the linked domain.
import type { Db } from '../db/client';
import type { EnterpriseConnectLink } from '../generated/prisma/sqlite/client';

export type { EnterpriseConnectLink };

/** Link states that still hold the service account's tokens. */
export const LIVE_LINK_STATES = ['active', 'broken'] as const;

export function emailDomain(email: string | null | undefined): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 1 || at === email.length - 1) return null;
  return email.slice(at + 1).trim().toLowerCase();
}

export function isOnDomain(email: string | null | undefined, domain: string | null | undefined): boolean {
  return Boolean(domain) && emailDomain(email) === domain?.toLowerCase();
}

/** The workspace's working link (at most one is active at a time). */
export function findActiveLink(db: Db, workspaceId: string): Promise<EnterpriseConnectLink | null> {
  return db.enterpriseConnectLink.findFirst({ where: { workspaceId, state: 'active' }, orderBy: { linkedAt: 'desc' } });
}

/** The link admins see: active, or broken (still linked, needs attention). */
export function findLiveLink(db: Db, workspaceId: string): Promise<EnterpriseConnectLink | null> {
  return db.enterpriseConnectLink.findFirst({ where: { workspaceId, state: { in: [...LIVE_LINK_STATES] } }, orderBy: { linkedAt: 'desc' } });
}

export type CandidateMode =
  /** Everyone covered and not connected, except those in flight or whose last attempt failed ("Retry failed" handles them). */
  | 'all'
  /** Those whose last attempt failed. */
  | 'failed'
  /** Those never asked for under this link (new joiners). */
  | 'new';

/** Employee ids to request next, in pages (callers claim each id, so a concurrent planner cannot double-request). */
export async function findCandidates(db: Db, link: EnterpriseConnectLink, mode: CandidateMode, options: { after?: string; take: number }): Promise<string[]> {
  if (!link.domain) return [];
  const attempts = {
    all: { none: { linkId: link.id, OR: [{ openKey: { not: null } }, { current: true, state: 'failed' }] } },
    failed: { some: { linkId: link.id, current: true, state: 'failed' } },
    new: { none: { linkId: link.id } },
  }[mode];
  const rows = await db.employee.findMany({
    where: {
      // Not a Prisma cursor: the previous page's last person was claimed since, so no longer matches, and
      // `cursor` + `skip: 1` would then skip the next person instead of them.
      ...(options.after ? { id: { gt: options.after } } : {}),
      workspaceId: link.workspaceId,
      deactivatedAt: null,
      email: { endsWith: `@${link.domain.toLowerCase()}` },
      OR: [{ calendar: null }, { calendar: { state: { not: 'connected' } } }],
      serviceAccountAuthorizations: attempts,
    },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: options.take,
  });
  return rows.map((row) => row.id);
}
