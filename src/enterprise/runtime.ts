// What the Enterprise Connect modules share: the app's ports, the service account's tokens and the pacing.
import type { AppContext } from '../app-context';
import type { EnterprisePacing } from './pacing';
import type { ServiceAccountCredentials } from './service-account-credentials';

export interface EnterpriseRuntime {
  ctx: AppContext;
  serviceAccounts: ServiceAccountCredentials;
  pacing: EnterprisePacing;
}

/** Requests still waiting to be sent, for Cronofy's answer, or for their code exchange (openKey is set). */
export const OPEN_STATES = ['queued', 'requested', 'exchanging'];
