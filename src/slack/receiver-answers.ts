// What Bolt's HTTP receiver answers when it cannot route a request or an "Add to Slack" install fails. Bolt's
// defaults answer 500 to a client's mistakes (an undecodable URL, a cancelled install, a forged code).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@slack/bolt';
import { sendResultPage } from '../http/result-page';
import type { Logger } from '../platform/logger';

function codeOf(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** No route matched (404), or the URL itself cannot be read (400): both are the client's doing. */
export function answerUndispatched(logger: Logger, error: unknown, req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) return;
  const code = codeOf(error);
  const status = code === ErrorCode.HTTPReceiverDeferredRequestError ? 404 : error instanceof URIError || code === 'ERR_INVALID_URL' ? 400 : 500;
  if (status === 500) logger.error('could not route a request', { method: req.method, error: error instanceof Error ? error.message : String(error) });
  res.writeHead(status);
  res.end();
}

/** @slack/oauth's codes for a callback that is not a usable answer to an install Slotline started. */
const REFUSED_INSTALL_CODES = new Set([
  'slack_oauth_installer_authorization_error',
  'slack_oauth_missing_state',
  'slack_oauth_invalid_state',
  'slack_oauth_missing_code',
  // Slack refused the code (invalid_code, bad_redirect_uri…): forged, used or stale.
  'slack_webapi_platform_error',
]);
const SLACK_UNREACHABLE_CODES = new Set(['slack_webapi_request_error', 'slack_webapi_http_error', 'slack_webapi_rate_limited_error']);

/** The page at /slack/oauth_redirect when the install did not go through. */
export function sendInstallFailure(logger: Logger, error: unknown, res: ServerResponse): void {
  const code = codeOf(error);
  if (code === 'slack_oauth_installer_authorization_error') {
    sendResultPage(res, 400, { tone: 'info', title: 'Slotline was not installed', message: 'The installation was cancelled in Slack, so nothing changed.', next: 'To install Slotline, start again from its "Add to Slack" link.' });
    return;
  }
  if (code && REFUSED_INSTALL_CODES.has(code)) {
    logger.info('refused an install callback', { code });
    sendResultPage(res, 400, { tone: 'warning', title: 'Slotline was not installed', message: 'This page only works at the end of an install started from Slotline’s "Add to Slack" link, in the same browser, within 10 minutes.', next: 'Start again from the "Add to Slack" link.' });
    return;
  }
  const unreachable = code !== undefined && SLACK_UNREACHABLE_CODES.has(code);
  logger.error('Slack install failed', { code, error: error instanceof Error ? error.message : String(error) });
  sendResultPage(res, unreachable ? 502 : 500, {
    tone: 'error',
    title: 'Slotline was not installed',
    message: unreachable ? 'Slack could not be reached to finish the install.' : 'Something went wrong on our side while saving the install.',
    next: 'Try the "Add to Slack" link again in a minute.',
  });
}
