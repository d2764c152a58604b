// What the Enterprise Connect modules share: the app's ports, the service account's tokens and the pacing.
import type { AppContext } from '../app-context';
import type { EnterprisePacing } from './pacing';
import type { ServiceAccountCredentials } from './service-account-credentials';

export interface EnterpriseRuntime {
  ctx: AppContext;
  serviceAccounts: ServiceAccountCredentials;
  pacing: EnterprisePacing;
}

/**
 * Requests still waiting to be sent, being sent, waiting for Cronofy's answer, or for their code exchange (openKey
 * is set). `sending` is written before the batch request leaves and becomes `requested` once Cronofy accepted it:
 * a request still `sending` after a crash may or may not have reached Cronofy (see send-batch.ts).
 */
export const OPEN_STATES = ['queued', 'sending', 'requested', 'exchanging'];
/** Requests Cronofy may answer: its callback is taken in either state. */
export const AWAITING_ANSWER = ['sending', 'requested'];
