// Finishes a calendar authorization: exchange the code, store encrypted tokens, read userinfo, open a push channel.
import type { AppContext } from '../app-context';
import { toStoredTokens } from '../cronofy/token-manager';
import { applyUserInfo } from './sync-connection-state';

type Ports = Pick<AppContext, 'db' | 'clock' | 'ids' | 'calendars' | 'cronofy' | 'logger' | 'publicUrl'>;

export async function completeCalendarConnection(
  ports: Ports,
  options: { employeeId: string; code: string; redirectUri: string; viaEnterpriseConnect?: boolean },
): Promise<void> {
  const { db, clock, ids, cronofy, calendars } = ports;
  const tokens = toStoredTokens(await cronofy.exchangeCode({ code: options.code, redirectUri: options.redirectUri }), clock.now());
  await db.calendarConnection.upsert({
    where: { employeeId: options.employeeId },
    create: { id: ids.id('cal'), employeeId: options.employeeId, state: 'pending', viaEnterpriseConnect: options.viaEnterpriseConnect ?? false },
    update: { state: 'pending', reason: null, viaEnterpriseConnect: options.viaEnterpriseConnect ?? false },
  });
  await calendars.store(options.employeeId, tokens);
  const info = await cronofy.userInfo(tokens.accessToken);
  await applyUserInfo(ports, options.employeeId, info);
  await openPushChannel(ports, options.employeeId);
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
