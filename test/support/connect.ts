// Test set-up shortcuts: connect a person's calendar or conferencing through the Cronofy simulator's real
// consent pages and Slotline's own connection services (tests of the Connect buttons use the full Slack path instead).
import { consent, consentConferencing } from '../../src/simulators/cronofy';
import { completeCalendarConnection } from '../../src/connections/complete-calendar-connection';
import { syncConnectionState } from '../../src/connections/sync-connection-state';
import type { AuthorizableProvider } from '../../src/readiness/providers';
import type { Harness } from './harness';

export async function syncRoster(harness: Harness): Promise<void> {
  const workspaceId = await harness.workspaceId();
  await harness.ctx.roster.sync(workspaceId, await harness.ctx.slack.forTeam(harness.teamId));
}

export async function employeeId(harness: Harness, slackUserId: string): Promise<string> {
  const workspaceId = await harness.workspaceId();
  const employee = await harness.ctx.db.employee.findUnique({ where: { workspaceId_slackUserId: { workspaceId, slackUserId } } });
  if (!employee) throw new Error(`${slackUserId} is not an employee yet (sync the roster first)`);
  return employee.id;
}

export async function connectCalendar(harness: Harness, slackUserId: string): Promise<string> {
  const id = await employeeId(harness, slackUserId);
  const employee = await harness.ctx.db.employee.findUniqueOrThrow({ where: { id } });
  const redirectUri = `${harness.app.publicUrl}/test/calendar-callback`;
  const url = harness.ctx.cronofy.authorizeUrl({ redirectUri, state: 'test' });
  const { location } = await consent(url, { email: employee.email ?? '', allow: true });
  const code = new URL(location).searchParams.get('code');
  if (!code) throw new Error(`consent did not return a code: ${location}`);
  await completeCalendarConnection(harness.ctx, { employeeId: id, code, redirectUri });
  return id;
}

export async function connectConferencing(harness: Harness, slackUserId: string, provider: AuthorizableProvider): Promise<void> {
  const id = await employeeId(harness, slackUserId);
  const url = await harness.ctx.calendars.withAccessToken(id, (token) =>
    harness.ctx.cronofy.conferencingAuthorizationUrl(token, { redirectUri: `${harness.app.publicUrl}/test/conferencing-callback`, provider }),
  );
  await consentConferencing(url, { provider, allow: true });
  await syncConnectionState(harness.ctx, id);
}
