// The company's Enterprise Connect link as the readiness summary and setup checklist show it (src/enterprise owns the link itself).
import type { Db } from '../db/client';
import { findLiveLink } from '../enterprise/coverage';
import { countLinkRequests, type EnterpriseCounts } from '../enterprise/enterprise-counts';

export interface EnterpriseState {
  /** The live link's state (`active`, `broken`), or `not_linked`. */
  state: string;
  domain: string | null;
  providerName: string | null;
  reason: string | null;
  /** How the link's per-person requests stand (absent when not linked). */
  counts?: EnterpriseCounts;
}

export async function loadEnterpriseState(db: Db, workspaceId: string): Promise<EnterpriseState> {
  const link = await findLiveLink(db, workspaceId);
  if (!link) return { state: 'not_linked', domain: null, providerName: null, reason: null };
  return { state: link.state, domain: link.domain, providerName: link.providerName, reason: link.reason, counts: await countLinkRequests(db, link.id) };
}

export function enterpriseLabel(enterprise: EnterpriseState): string {
  if (enterprise.state === 'not_linked') return 'Not linked';
  const state = enterprise.state.charAt(0).toUpperCase() + enterprise.state.slice(1).replace(/_/g, ' ');
  return `${state}${enterprise.domain ? ` (${enterprise.domain})` : ''}${enterprise.reason ? ` — ${enterprise.reason.replace(/_/g, ' ')}` : ''}`;
}
