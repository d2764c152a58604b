import { consentConferencing, type CronofySimulator } from '../../../src/simulators/cronofy';
import { connectPerson, rejectionOf, startSimulator, testClock, type ConnectedPerson } from './fixtures';

const DONE_URL = 'https://slotline.example/conferencing/done?u=U123';

describe('Cronofy simulator: conferencing service authorization', () => {
  let sim: CronofySimulator;
  let jane: ConnectedPerson;

  beforeEach(async () => {
    sim = await startSimulator(testClock());
    jane = await connectPerson(sim, {
      email: 'jane@acme.test',
      zone: 'Europe/London',
      calendar: { provider: 'apple' },
      conferencingAccounts: ['zoom'],
    });
  });
  afterEach(() => sim.stop());

  it('links Zoom: the page redirects with last_linked_profile_id and userinfo lists the profile', async () => {
    const { authorization_request } = await jane.sdk.conferencingServiceAuthorizations({ redirect_uri: DONE_URL, provider_name: 'zoom' });
    expect(authorization_request.url).toMatch(new RegExp(`^${sim.siteUrl}/conferencing_services/\\w+$`));

    const { location } = await consentConferencing(authorization_request.url, { allow: true });
    const redirect = new URL(location);
    expect(redirect.searchParams.get('u')).toBe('U123');
    const profileId = redirect.searchParams.get('last_linked_profile_id');
    expect(profileId).toMatch(/^pro_/);

    expect((await jane.sdk.userInfo())['cronofy.data'].conferencing_profiles).toEqual([
      { provider_name: 'zoom', profile_id: profileId, profile_name: 'jane@acme.test', profile_connected: true },
    ]);
  });

  it('lets the person pick the provider on the page when none was preselected', async () => {
    const { authorization_request } = await jane.sdk.conferencingServiceAuthorizations({ redirect_uri: DONE_URL });
    const { location } = await consentConferencing(authorization_request.url, { provider: 'zoom', allow: true });
    expect(new URL(location).searchParams.get('last_linked_profile_id')).toMatch(/^pro_/);
  });

  it('redirects with error=access_denied when the person refuses', async () => {
    const { authorization_request } = await jane.sdk.conferencingServiceAuthorizations({ redirect_uri: DONE_URL, provider_name: 'zoom' });
    const { location } = await consentConferencing(authorization_request.url, { allow: false });
    expect(new URL(location).searchParams.get('error')).toBe('access_denied');
    expect((await jane.sdk.userInfo())['cronofy.data'].conferencing_profiles).toBeUndefined();
  });

  it('cannot succeed for a person without an account at that provider', async () => {
    const { authorization_request } = await jane.sdk.conferencingServiceAuthorizations({ redirect_uri: DONE_URL, provider_name: 'ms_teams' });
    await expect(consentConferencing(authorization_request.url, { allow: true })).rejects.toThrow(
      /No Microsoft Teams account exists for jane@acme.test/,
    );
  });

  it('the page link works once', async () => {
    const { authorization_request } = await jane.sdk.conferencingServiceAuthorizations({ redirect_uri: DONE_URL, provider_name: 'zoom' });
    await consentConferencing(authorization_request.url, { allow: true });
    expect((await fetch(authorization_request.url)).status).toBe(404);
  });

  it('rejects an unknown provider_name with 422', async () => {
    expect(await rejectionOf(jane.sdk.conferencingServiceAuthorizations({ redirect_uri: DONE_URL, provider_name: 'webex' }))).toMatchObject({
      statusCode: 422,
      entity: { errors: { provider_name: [expect.objectContaining({ key: 'errors.invalid' })] } },
    });
  });
});
