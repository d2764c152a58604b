import { consent, type CronofySimulator } from '../../../src/simulators/cronofy';
import { appSdk, CLIENT_ID, codeFrom, rejectionOf, startSimulator, testClock } from './fixtures';
import type { CronofySdk, TokenResponse } from './cronofy-sdk';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const ADMIN_REDIRECT = 'https://slotline.example/cronofy/enterprise/callback';
const DELEGATED_SCOPE = 'read_account list_calendars read_events create_event delete_event read_free_busy';

interface AuthorizationCallback {
  authorization: { code?: string; state?: string; error?: string; error_key?: string; error_description?: string };
}

function enterpriseAuthorizeUrl(sim: CronofySimulator, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: ADMIN_REDIRECT,
    scope: 'service_account/accounts/manage',
    delegated_scope: DELEGATED_SCOPE,
    state: 'ec-state',
    ...params,
  });
  return `${sim.siteUrl}/enterprise_connect/oauth/authorize?${query}`;
}

describe('Cronofy simulator: Enterprise Connect', () => {
  let sim: CronofySimulator;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    sim = await startSimulator(testClock());
    receiver = await startWebhookReceiver();
    sim.addEnterpriseDomain({ domain: 'contoso.test', provider: 'office365', adminEmail: 'it-admin@contoso.test' });
    sim.addPerson({ email: 'ann@contoso.test', zone: 'Europe/Paris', calendar: { provider: 'office365' } });
    sim.addPerson({ email: 'rooms@contoso.test', zone: 'Europe/Paris', calendar: { provider: 'office365', sharedMailbox: true } });
    sim.addPerson({ email: 'bob@fabrikam.test', zone: 'Europe/Paris', calendar: { provider: 'office365' } });
  });
  afterEach(async () => {
    await sim.stop();
    await receiver.stop();
  });

  async function serviceAccountToken(): Promise<{ tokens: TokenResponse; sdk: CronofySdk }> {
    const { location } = await consent(enterpriseAuthorizeUrl(sim), { email: 'it-admin@contoso.test', allow: true });
    expect(new URL(location).searchParams.get('state')).toBe('ec-state');
    const tokens = await appSdk(sim).requestAccessToken({ code: codeFrom(location), redirect_uri: ADMIN_REDIRECT });
    return { tokens, sdk: appSdk(sim, tokens.access_token) };
  }

  it('admin consent yields a service-account token whose userinfo names the domain', async () => {
    const { tokens, sdk } = await serviceAccountToken();
    expect(tokens.sub).toMatch(/^ser_\d{15}$/);
    expect(tokens).toMatchObject({ service_account_id: tokens.sub, scope: 'service_account/accounts/manage' });
    await expect(sdk.userInfo()).resolves.toEqual({
      sub: tokens.sub,
      email: 'it-admin@contoso.test',
      'cronofy.type': 'service_account',
      'cronofy.data': {
        authorization: { scope: 'service_account/accounts/manage', status: 'active', delegated_scope: DELEGATED_SCOPE },
        service_account: { provider_name: 'office365', domain: 'contoso.test' },
      },
    });
  });

  it('only a domain administrator can give admin consent', async () => {
    await expect(consent(enterpriseAuthorizeUrl(sim), { email: 'ann@contoso.test', allow: true })).rejects.toThrow(
      /not an administrator/,
    );
  });

  it('rejects a missing delegated_scope with a 400 page', async () => {
    const response = await fetch(enterpriseAuthorizeUrl(sim, { delegated_scope: '' }), { redirect: 'manual' });
    expect(response.status).toBe(400);
  });

  it('authorizes a batch of mailboxes, calling back HMAC-signed with a code or the reason it failed', async () => {
    const { sdk } = await serviceAccountToken();
    const callback = (who: string) => `${receiver.url}/ec-callback?u=${who}`;
    const scope = 'read_account list_calendars read_events create_event';

    await expect(
      sdk.authorizeWithServiceAccount({
        service_account_authorizations: [
          { email: 'ann@contoso.test', callback_url: callback('ann'), scope, state: 'ann-state' },
          { email: 'ghost@contoso.test', callback_url: callback('ghost'), scope, state: 'ghost-state' },
          { email: 'rooms@contoso.test', callback_url: callback('rooms'), scope },
          { email: 'bob@fabrikam.test', callback_url: callback('bob'), scope },
        ],
      }),
    ).resolves.toBe('');
    await sim.whenIdle();

    expect(receiver.received).toHaveLength(4);
    for (const request of receiver.received) {
      expect(appSdk(sim).hmacValid({ hmac: String(request.headers['cronofy-hmac-sha256']), body: request.body })).toBe(true);
    }
    const [ann] = receiver.bodies<AuthorizationCallback>('/ec-callback?u=ann');
    expect(ann.authorization).toEqual({ code: expect.any(String), state: 'ann-state' });
    expect(receiver.bodies<AuthorizationCallback>('/ec-callback?u=ghost')[0].authorization).toMatchObject({
      error: expect.any(String),
      error_key: 'mailbox_not_found',
      error_description: expect.stringContaining('ghost@contoso.test'),
    });
    expect(receiver.bodies<AuthorizationCallback>('/ec-callback?u=rooms')[0].authorization).toMatchObject({ error_key: 'shared_mailbox' });
    expect(receiver.bodies<AuthorizationCallback>('/ec-callback?u=bob')[0].authorization).toMatchObject({
      error_key: 'outside_linked_domain',
    });

    const annTokens = await appSdk(sim).requestAccessToken({ code: ann.authorization.code, redirect_uri: callback('ann') });
    expect(annTokens).toMatchObject({ scope, linking_profile: { provider_name: 'office365', profile_name: 'ann@contoso.test' } });
    await expect(appSdk(sim, annTokens.access_token).listCalendars()).resolves.toMatchObject({ calendars: [{ profile_name: 'ann@contoso.test' }] });
  });

  it('the callback code only exchanges with redirect_uri equal to the callback_url', async () => {
    const { sdk } = await serviceAccountToken();
    await sdk.authorizeWithServiceAccount({ email: 'ann@contoso.test', callback_url: `${receiver.url}/cb`, scope: 'read_account' });
    await sim.whenIdle();
    const [{ authorization }] = receiver.bodies<AuthorizationCallback>('/cb');
    expect(await rejectionOf(appSdk(sim).requestAccessToken({ code: authorization.code, redirect_uri: 'https://elsewhere.example/cb' }))).toEqual({
      statusCode: 400,
      entity: { error: 'invalid_grant' },
    });
  });

  it('answers 422 when the requested scope goes beyond the delegated_scope', async () => {
    const { sdk } = await serviceAccountToken();
    expect(
      await rejectionOf(
        sdk.authorizeWithServiceAccount({ email: 'ann@contoso.test', callback_url: `${receiver.url}/cb`, scope: 'read_events free_busy_write' }),
      ),
    ).toEqual({
      statusCode: 422,
      entity: { errors: { scope: [expect.objectContaining({ key: 'errors.not_within_delegated_scope' })] } },
    });
    await sim.whenIdle();
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses service-account authorizations made with an account token', async () => {
    const { location } = await consent(
      `${sim.siteUrl}/oauth/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: CLIENT_ID,
        redirect_uri: ADMIN_REDIRECT,
        scope: 'read_account',
      })}`,
      { email: 'ann@contoso.test', allow: true },
    );
    const ann = await appSdk(sim).requestAccessToken({ code: codeFrom(location), redirect_uri: ADMIN_REDIRECT });
    expect(
      await rejectionOf(appSdk(sim, ann.access_token).authorizeWithServiceAccount({ email: 'ann@contoso.test', callback_url: `${receiver.url}/cb`, scope: 'read_account' })),
    ).toMatchObject({ statusCode: 403 });
  });
});
