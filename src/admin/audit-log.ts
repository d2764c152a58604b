// Every admin action leaves a row: who, what, on whom, and a small JSON detail with no PII beyond Slack ids.
import type { Db } from '../db/client';
import type { Clock } from '../platform/clock';
import type { IdGenerator } from '../platform/ids';

export const AUDIT_ACTIONS = [
  'access_denied',
  'admin_added',
  'admin_removed',
  'recruiter_added',
  'recruiter_removed',
  'recruiters_group_set',
  'recruiters_group_cleared',
  'recruiters_restricted',
  'recruiters_unrestricted',
  'nudge_all',
  'nudge_one',
  'resync',
  'test',
  'test_live',
  'csv_export',
  'settings_updated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Numbers, flags, provider names and Slack ids only: never names, emails or tokens. */
export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

export interface AuditEntry {
  workspaceId: string;
  actorSlackUserId: string;
  action: AuditAction;
  /** A Slack user or user group id, or the setting touched. */
  target?: string | null;
  detail?: AuditDetail;
}

export type AuditPorts = { db: Db; ids: IdGenerator; clock: Clock };

export async function recordAudit(ports: AuditPorts, entry: AuditEntry): Promise<void> {
  await writeAuditEvent(ports, entry);
}

/** The one writer of audit rows; each feature narrows `action` to its own list. */
export async function writeAuditEvent(
  ports: AuditPorts,
  entry: { workspaceId: string; actorSlackUserId: string | null; action: string; target?: string | null; detail?: AuditDetail },
): Promise<void> {
  await ports.db.auditEvent.create({
    data: {
      id: ports.ids.id('aud'),
      workspaceId: entry.workspaceId,
      actorSlackUserId: entry.actorSlackUserId,
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      at: ports.clock.now(),
    },
  });
}

export async function recentAudit(db: Db, workspaceId: string, limit = 20) {
  const rows = await db.auditEvent.findMany({ where: { workspaceId }, orderBy: { at: 'desc' }, take: limit });
  return rows.map((row) => ({ ...row, detail: row.detail ? (JSON.parse(row.detail) as AuditDetail) : null }));
}
