// Finishes a calendar authorization: exchange the code, check whose account it is, store encrypted tokens,
// record the userinfo state, open a push channel.
import type { AppContext } from '../app-context';
import type { TokenResponse, UserInfo } from '../cronofy/schemas';
import { toStoredTokens } from '../cronofy/token-manager';
import { AppError } from '../errors';
import { applyUserInfo } from './sync-connection-state';

type Ports = Pick<AppContext, 'db' | 'clock' | 'ids' | 'calendars' | 'cronofy' | 'logger' | 'publicUrl'>;

export async function completeCalendarConnection(
  ports: Ports,
  options: {
    employeeId: string;
    code: string;
    redirectUri: string;
    viaEnterpriseConnect?: boolean;
    /**
     * The person's Slack email. When given, an account whose email differs is refused before anything is
     * stored: a Connect link is bound to one person, so someone else's calendar must not end up on it.
     */
    expectedEmail?: string | null;
  },
): Promise<UserInfo> {
  const { db, clock, ids, cronofy, calendars } = ports;
  const response = await cronofy.exchangeCode({ code: options.code, redirectUri: options.redirectUri });
  const tokens = toStoredTokens(response, clock.now());
  const info = await userInfoOrRelease(ports, response, tokens.accessToken);
  if (options.expectedEmail && !accountMatches(options.expectedEmail, response, info)) {
    await releaseUnwantedAuthorization(ports, info.sub, tokens.accessToken);
    throw new AppError('link_wrong_user', {
      message: 'calendar account email does not match the employee the link was issued to',
      userMessage: `You signed in with ${info.email ?? response.linking_profile?.profile_name ?? 'a different account'}, which is not the email Slack has for you. Nothing was connected: open the link again and sign in with your own work calendar.`,
      details: { status: 403 },
    });
  }
  const previous = await db.calendarConnection.findUnique({ where: { employeeId: options.employeeId } });
  // A different Cronofy account keeps none of the old account's push channel.
  const accountChanged = previous?.cronofyAccountId != null && previous.cronofyAccountId !== info.sub;
  await db.calendarConnection.upsert({
    where: { employeeId: options.employeeId },
    create: { id: ids.id('cal'), employeeId: options.employeeId, state: 'pending', viaEnterpriseConnect: options.viaEnterpriseConnect ?? false, scope: response.scope ?? null },
    update: {
      state: 'pending',
      reason: null,
      viaEnterpriseConnect: options.viaEnterpriseConnect ?? false,
      scope: response.scope ?? null,
      disconnectedAt: null,
      ...(accountChanged ? { pushChannelId: null } : {}),
    },
  });
  await calendars.store(options.employeeId, tokens);
  await applyUserInfo(ports, options.employeeId, info);
  await openPushChannel(ports, options.employeeId);
  return info;
}

function accountMatches(expectedEmail: string, response: TokenResponse, info: UserInfo): boolean {
  const expected = expectedEmail.trim().toLowerCase();
  const candidates = [info.email, response.linking_profile?.profile_name].filter((value): value is string => Boolean(value));
  return candidates.some((candidate) => candidate.trim().toLowerCase() === expected);
}

/**
 * Userinfo right after the exchange. When Cronofy cannot answer it (an outage past the retries), nothing has been
 * stored yet: the authorization just granted is released too, so the person starts again from a clean state.
 */
async function userInfoOrRelease(ports: Ports, response: TokenResponse, accessToken: string): Promise<UserInfo> {
  try {
    return await ports.cronofy.userInfo(accessToken);
  } catch (error) {
    const accountId = response.sub ?? response.account_id;
    if (accountId) await releaseUnwantedAuthorization(ports, accountId, accessToken);
    throw error;
  }
}

/**
 * Revokes an authorization Slotline will not keep, unless the account already belongs to another employee
 * (revoking would cut off their working connection: Cronofy revokes per account, not per sign-in).
 */
async function releaseUnwantedAuthorization(ports: Ports, accountId: string, accessToken: string): Promise<void> {
  const owner = await ports.db.calendarConnection.findFirst({ where: { cronofyAccountId: accountId }, select: { id: true } });
  if (owner) return;
  try {
    await ports.cronofy.revoke({ token: accessToken });
  } catch (error) {
    ports.logger.warn('could not revoke a refused calendar authorization', { error: error instanceof Error ? error.message : String(error) });
  }
}

/** One channel per connection; its callback URL names the connection so pushes find their person. */
export async function openPushChannel(ports: Ports, employeeId: string): Promise<void> {
  const connection = await ports.db.calendarConnection.findUniqueOrThrow({ where: { employeeId } });
  if (connection.pushChannelId || connection.state !== 'connected') return;
  try {
    const channelId = await ports.calendars.withAccessToken(employeeId, (token) =>
      ports.cronofy.createPushChannel(token, { callbackUrl: `${ports.publicUrl}/cronofy/push/${connection.id}` }),
    );
    await ports.db.calendarConnection.update({ where: { employeeId }, data: { pushChannelId: channelId } });
  } catch (error) {
    // Without a channel we only miss live updates; the periodic reconcile still catches changes.
    ports.logger.warn('could not open a Cronofy push channel', { employeeId, error: error instanceof Error ? error.message : String(error) });
  }
}
