// The small page a browser lands on at each end of the connect flow: connected, declined, expired, used, refused, failed.
import type { ServerResponse } from 'node:http';
import { toAppError, type ErrorCode } from '../errors';
import { sendResultPage, type ResultTone } from '../http/result-page';
import type { CallbackOutcome } from './connect-flow';

const BACK_TO_SLACK = 'You can close this tab. Slotline’s message in Slack shows what is done and what is left.';
const BUTTONS_STILL_WORK = 'The buttons in Slotline’s message in Slack still work (press Refresh there if they are old).';

export function sendOutcomePage(res: ServerResponse, outcome: CallbackOutcome): void {
  if (outcome.kind === 'connected') {
    sendResultPage(res, 200, { tone: 'success', title: `${capitalize(outcome.what)} connected`, message: `Your ${outcome.what} is connected to Slotline.`, next: BACK_TO_SLACK });
    return;
  }
  sendResultPage(res, 200, {
    tone: 'info',
    title: 'Nothing was connected',
    message: `You declined on Cronofy’s page, so Slotline did not connect your ${outcome.what}.`,
    next: `Changed your mind? ${BUTTONS_STILL_WORK}`,
  });
}

const PAGES: Partial<Record<ErrorCode, { status: number; tone: ResultTone; title: string; next?: string }>> = {
  link_invalid: { status: 400, tone: 'error', title: 'This link is not valid' },
  link_expired: { status: 410, tone: 'warning', title: 'This link has expired', next: 'Press Refresh on Slotline’s message in Slack for new buttons.' },
  link_used: { status: 409, tone: 'warning', title: 'This link was already used' },
  link_wrong_user: { status: 403, tone: 'warning', title: 'That is not your calendar', next: BUTTONS_STILL_WORK },
  not_found: { status: 404, tone: 'warning', title: 'Nothing was connected' },
  bad_request: { status: 400, tone: 'warning', title: 'Nothing was connected', next: BUTTONS_STILL_WORK },
  oauth_declined: { status: 400, tone: 'warning', title: 'Nothing was connected', next: BUTTONS_STILL_WORK },
  // Cronofy kept failing past Slotline's retries: nothing is wrong with the person's account or the link.
  cronofy_rate_limited: { status: 502, tone: 'warning', title: 'Cronofy is busy right now', next: `Nothing changed. Try again in a few minutes: ${BUTTONS_STILL_WORK}` },
  cronofy_unavailable: { status: 502, tone: 'warning', title: 'Cronofy is not answering right now', next: `Nothing changed. Try again in a few minutes: ${BUTTONS_STILL_WORK}` },
};

/** A failure at either end of the flow; `stage` tells a reused button apart from a repeated callback. */
export function sendFailurePage(res: ServerResponse, raw: unknown, stage: 'link' | 'callback'): void {
  const error = toAppError(raw);
  if (error.code === 'link_used' && stage === 'callback') {
    sendResultPage(res, 200, { tone: 'info', title: 'Already done', message: 'This sign-in was already handled; opening it again changes nothing.', next: BACK_TO_SLACK });
    return;
  }
  const page = PAGES[error.code] ?? { status: error.code === 'internal' ? 500 : 502, tone: 'error' as const, title: 'Something went wrong', next: `Nothing changed. ${BUTTONS_STILL_WORK}` };
  sendResultPage(res, page.status, { tone: page.tone, title: page.title, message: error.userMessage, next: page.next });
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
