// Enterprise Connect's entries in the workspace audit log (Slack ids, domains and counts only: no tokens, no emails).
import { writeAuditEvent } from '../admin/audit-log';
import type { EnterpriseRuntime } from './runtime';

export type EnterpriseAuditAction =
  | 'enterprise_link_started'
  | 'enterprise_linked'
  | 'enterprise_link_declined'
  | 'enterprise_unlinked'
  | 'enterprise_sync_all'
  | 'enterprise_retry_failed'
  | 'enterprise_retry_one';

export async function recordEnterpriseAudit(
  ctx: Pick<EnterpriseRuntime['ctx'], 'db' | 'ids' | 'clock'>,
  entry: { workspaceId: string; actorSlackUserId: string | null; action: EnterpriseAuditAction; target?: string | null; detail?: Record<string, string | number | boolean | null> },
): Promise<void> {
  await writeAuditEvent(ctx, entry);
}
