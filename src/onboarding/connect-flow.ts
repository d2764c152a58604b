// The browser side of connecting: a Connect button's link → Cronofy's page → Slotline's callback.
// Every step redeems a single-use link bound to workspace + person + purpose; Cronofy only ever sees
// a fresh random `state` (never JSON, never the person's ids).
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { completeCalendarConnection } from '../connections/complete-calendar-connection';
import { syncConnectionState } from '../connections/sync-connection-state';
import { syncPageUrl } from '../enterprise/sync-page';
import { AppError } from '../errors';
import type { RedeemedLink } from '../links/link-service';
import { CONFERENCING_LABELS, calendarLabel, isAuthorizableProvider, isConferencingProvider } from '../readiness/providers';

export const CALENDAR_CALLBACK_PATH = '/cronofy/callback/calendar';
export const CONFERENCING_CALLBACK_PATH = '/cronofy/callback/conferencing';
/** Time a person has on Cronofy's page before the callback state expires. */
const STATE_TTL_MINUTES = 30;

export type CallbackOutcome = { kind: 'connected'; what: string } | { kind: 'declined'; what: string };

const callbackSchema = z.object({
  state: z.string().min(1).max(200),
  code: z.string().min(1).max(2000).optional(),
  error: z.string().max(200).optional(),
  last_linked_profile_id: z.string().min(1).max(200).optional(),
});

function notFromCronofy(): AppError {
  return new AppError('bad_request', {
    message: 'callback without a usable state/code',
    userMessage: 'This page only works at the end of a sign-in started from a Slotline button in Slack.',
  });
}

export function calendarRedirectUri(ctx: Pick<AppContext, 'publicUrl'>): string {
  return `${ctx.publicUrl}${CALENDAR_CALLBACK_PATH}`;
}

async function linkedEmployee(ctx: Pick<AppContext, 'db'>, link: RedeemedLink) {
  const employee = await ctx.db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId: link.workspaceId, slackUserId: link.slackUserId } } });
  if (!employee || employee.deactivatedAt) {
    throw new AppError('not_found', { message: 'link for someone who is not an active employee', userMessage: 'Slotline does not know you as a member of this workspace any more, so nothing was connected.' });
  }
  return employee;
}

function conferencingName(provider: string): string {
  return isConferencingProvider(provider) ? CONFERENCING_LABELS[provider] : provider;
}

/** GET /l/:token: where to send the browser (Cronofy's calendar sign-in, its video-account page, or the Enterprise Connect sync page). */
export async function startFromLink(ctx: AppContext, token: string): Promise<string> {
  const link = await ctx.links.redeem(token, ['calendar_connect', 'conferencing_connect', 'calendar_sync']);
  const employee = await linkedEmployee(ctx, link);
  const bound = { workspaceId: link.workspaceId, slackUserId: link.slackUserId, ttlMinutes: STATE_TTL_MINUTES };
  try {
    // "Sync calendar" (Enterprise Connect covers the person): no sign-in, the company's service account asks.
    if (link.purpose === 'calendar_sync') return syncPageUrl(ctx.publicUrl, await ctx.enterprise.requestFor(employee.id));
    if (link.purpose === 'calendar_connect') {
      const state = await ctx.links.issue({ ...bound, purpose: 'calendar_callback', provider: link.provider ?? undefined, path: CALENDAR_CALLBACK_PATH });
      return ctx.cronofy.authorizeUrl({ redirectUri: calendarRedirectUri(ctx), state: state.token, providerName: link.provider ?? undefined });
    }
    const provider = link.provider;
    if (!provider || !isAuthorizableProvider(provider)) throw new AppError('link_invalid', { message: `conferencing link for unknown provider ${provider}`, userMessage: 'This link is not valid. Open the latest message from Slotline in Slack and use its button.' });
    const calendar = await ctx.db.calendarConnection.findUnique({ where: { employeeId: employee.id } });
    if (!calendar?.accessTokenEnc || calendar.state !== 'connected') {
      throw new AppError('bad_request', {
        message: 'conferencing link used before the calendar is connected',
        userMessage: `Connect your calendar first: Cronofy attaches ${conferencingName(provider)} to your calendar account. The calendar buttons are in Slotline's message in Slack.`,
      });
    }
    // The conferencing flow has no `state` parameter: the single-use token travels in the redirect URI itself.
    const state = await ctx.links.issue({ ...bound, purpose: 'conferencing_callback', provider, path: CONFERENCING_CALLBACK_PATH });
    const redirectUri = `${ctx.publicUrl}${CONFERENCING_CALLBACK_PATH}?state=${encodeURIComponent(state.token)}`;
    return await ctx.calendars.withAccessToken(employee.id, (accessToken) => ctx.cronofy.conferencingAuthorizationUrl(accessToken, { redirectUri, provider }));
  } finally {
    // The button just used is spent: give the DM and Home tab fresh ones.
    await ctx.onboarding.scheduleUpdate(employee.id);
  }
}

/** GET /cronofy/callback/calendar?code&state (or ?error=access_denied&state). */
export async function finishCalendarAuthorization(ctx: AppContext, query: URLSearchParams): Promise<CallbackOutcome> {
  const parsed = callbackSchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw notFromCronofy();
  const { state, code, error } = parsed.data;
  const link = await ctx.links.redeem(state, ['calendar_callback']);
  const employee = await linkedEmployee(ctx, link);
  try {
    if (error === 'access_denied') return { kind: 'declined', what: 'calendar' };
    if (error) throw new AppError('oauth_declined', { message: `Cronofy calendar authorization returned error ${error}`, userMessage: 'Cronofy could not finish the sign-in, so nothing was connected. Try the button in Slack again.' });
    if (!code) throw notFromCronofy();
    await completeCalendarConnection(ctx, { employeeId: employee.id, code, redirectUri: calendarRedirectUri(ctx), expectedEmail: employee.email });
    const connection = await ctx.db.calendarConnection.findUniqueOrThrow({ where: { employeeId: employee.id } });
    if (connection.state !== 'connected') {
      throw new AppError('cronofy_validation', {
        message: `calendar authorized but its state is ${connection.state} (${connection.reason ?? 'no reason'})`,
        userMessage: 'Cronofy linked your account, but reports no calendar Slotline can use in it. Try again with the calendar you use at work.',
      });
    }
    return { kind: 'connected', what: `${calendarLabel(connection.providerName, connection.providerProtocol)} calendar` };
  } finally {
    await ctx.onboarding.scheduleUpdate(employee.id);
  }
}

/** GET /cronofy/callback/conferencing?state&last_linked_profile_id (or &error=access_denied). No code: re-read userinfo. */
export async function finishConferencingAuthorization(ctx: AppContext, query: URLSearchParams): Promise<CallbackOutcome> {
  const parsed = callbackSchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw notFromCronofy();
  const { state, error, last_linked_profile_id: profileId } = parsed.data;
  const link = await ctx.links.redeem(state, ['conferencing_callback']);
  const employee = await linkedEmployee(ctx, link);
  const asked = conferencingName(link.provider ?? 'video account');
  try {
    if (error === 'access_denied') return { kind: 'declined', what: asked };
    if (error) throw new AppError('oauth_declined', { message: `Cronofy conferencing authorization returned error ${error}`, userMessage: `Cronofy could not link ${asked}. Try the button in Slack again.` });
    if (!profileId) throw notFromCronofy();
    const info = await syncConnectionState(ctx, employee.id);
    const linked = info['cronofy.data']?.conferencing_profiles.find((profile) => profile.profile_id === profileId && profile.profile_connected);
    if (!linked) {
      throw new AppError('cronofy_validation', {
        message: 'the linked conferencing profile is missing from userinfo',
        userMessage: `Cronofy did not confirm the ${asked} account, so it is not connected yet. Try the button in Slack again in a minute.`,
      });
    }
    return { kind: 'connected', what: conferencingName(linked.provider_name) };
  } finally {
    await ctx.onboarding.scheduleUpdate(employee.id);
  }
}
