// Enterprise Connect's HTTP routes: the admin's link, Cronofy's admin-consent callback, each person's
// asynchronous authorization result, and the page after a person's "Sync calendar".
import type { ServerResponse } from 'node:http';
import type { AppContext } from '../app-context';
import { toAppError, type ErrorCode } from '../errors';
import { readRawBody, redirect, requestUrl, routeParam, sendJson, type HttpRoute } from '../http/route';
import { sendResultPage, type ResultTone } from '../http/result-page';
import { EC_CALLBACK_PATH } from './callback-token';
import { ENTERPRISE_CALLBACK_PATH, ENTERPRISE_LINK_PATH, type LinkOutcome } from './link-flow';
import { SYNC_PAGE_PATH, sendSyncPage } from './sync-page';

const HMAC_HEADER = 'cronofy-hmac-sha256';
const START_AGAIN = 'Start again from `/integrations enterprise` in Slack.';

const FAILURE_PAGES: Partial<Record<ErrorCode, { status: number; tone: ResultTone; title: string }>> = {
  link_invalid: { status: 400, tone: 'error', title: 'This link is not valid' },
  link_expired: { status: 410, tone: 'warning', title: 'This link has expired' },
  link_used: { status: 409, tone: 'warning', title: 'This link was already used' },
  bad_request: { status: 400, tone: 'warning', title: 'Enterprise Connect was not linked' },
  oauth_declined: { status: 400, tone: 'warning', title: 'Enterprise Connect was not linked' },
};

function sendFailure(ctx: AppContext, res: ServerResponse, raw: unknown, stage: 'link' | 'callback'): void {
  const error = toAppError(raw);
  ctx.logger[error.code === 'internal' ? 'error' : 'info']('Enterprise Connect page refused', { stage, code: error.code, error: error.message });
  if (stage === 'callback' && error.code === 'link_used') {
    sendResultPage(res, 200, { tone: 'info', title: 'Already done', message: 'This Enterprise Connect sign-in was already handled; opening it again changes nothing.', next: 'Slotline’s DM in Slack shows how the sync is going.' });
    return;
  }
  const page = FAILURE_PAGES[error.code] ?? { status: error.code === 'internal' ? 500 : 502, tone: 'error' as const, title: 'Enterprise Connect was not linked' };
  sendResultPage(res, page.status, { tone: page.tone, title: page.title, message: error.userMessage, next: `Nothing was linked. ${START_AGAIN}` });
}

function sendOutcome(res: ServerResponse, outcome: LinkOutcome): void {
  if (outcome.kind === 'declined') {
    sendResultPage(res, 200, { tone: 'info', title: 'Enterprise Connect was not linked', message: 'The administrator declined on Cronofy’s page, so nothing changed.', next: `Changed your mind? ${START_AGAIN}` });
    return;
  }
  sendResultPage(res, 200, {
    tone: 'success',
    title: 'Enterprise Connect linked',
    message: `Slotline is now syncing the calendar of everyone on ${outcome.domain}. Nobody needs to sign in.`,
    next: 'You can close this tab: Slotline’s DM in Slack shows the progress.',
  });
}

export function enterpriseRoutes(ctx: AppContext): HttpRoute[] {
  return [
    {
      path: `${ENTERPRISE_LINK_PATH}/:token`,
      method: 'GET',
      handler: async (req, res) => {
        try {
          redirect(res, await ctx.enterprise.openLink(routeParam(req, 'token') ?? ''));
        } catch (error) {
          sendFailure(ctx, res, error, 'link');
        }
      },
    },
    {
      path: ENTERPRISE_CALLBACK_PATH,
      method: 'GET',
      handler: async (req, res) => {
        try {
          sendOutcome(res, await ctx.enterprise.finishLink(requestUrl(req).searchParams));
        } catch (error) {
          sendFailure(ctx, res, error, 'callback');
        }
      },
    },
    { path: SYNC_PAGE_PATH, method: 'GET', handler: (req, res) => sendSyncPage(res, requestUrl(req).searchParams) },
    {
      path: `${EC_CALLBACK_PATH}/:token`,
      method: 'POST',
      handler: async (req, res) => {
        const raw = await readRawBody(req);
        const header = req.headers[HMAC_HEADER];
        const answer = await ctx.enterprise.acceptCallback(routeParam(req, 'token') ?? '', raw, Array.isArray(header) ? header.join(',') : header);
        if (answer.status >= 400) ctx.logger.warn('refused an Enterprise Connect callback', { result: answer.result });
        sendJson(res, answer.status, { result: answer.result });
      },
    },
  ];
}
