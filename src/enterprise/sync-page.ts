// The page a person's "Sync calendar" link lands on: the request went out (or was already out), and
// Slotline's message in Slack updates when Cronofy answers.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendResultPage } from '../http/result-page';
import type { PersonRequestOutcome } from './enterprise-service';

export const SYNC_PAGE_PATH = '/enterprise/sync-started';

const outcomeSchema = z.enum(['requested', 'in_progress', 'already_connected']);
const BACK_TO_SLACK = 'You can close this tab: Slotline’s message in Slack updates when it is done.';

export function syncPageUrl(publicUrl: string, outcome: PersonRequestOutcome): string {
  return `${publicUrl}${SYNC_PAGE_PATH}?outcome=${outcome}`;
}

export function sendSyncPage(res: ServerResponse, query: URLSearchParams): void {
  const outcome = outcomeSchema.safeParse(query.get('outcome'));
  if (!outcome.success) {
    sendResultPage(res, 400, { tone: 'warning', title: 'Nothing to show', message: 'This page only works after the Sync calendar button in Slotline’s message in Slack.' });
    return;
  }
  const pages = {
    requested: { tone: 'info' as const, title: 'Syncing your calendar', message: 'Your company’s Enterprise Connect is authorizing your work calendar for Slotline. No sign-in is needed; it takes a moment.' },
    in_progress: { tone: 'info' as const, title: 'Already syncing', message: 'Your calendar is already being synced through your company’s Enterprise Connect.' },
    already_connected: { tone: 'success' as const, title: 'Calendar already connected', message: 'Your calendar is already connected to Slotline.' },
  };
  sendResultPage(res, 200, { ...pages[outcome.data], next: BACK_TO_SLACK });
}
