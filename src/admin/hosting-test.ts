// `/integrations test @person`: which interview methods a person can host right now, and with --live a real
// 15-minute test event with conferencing in their calendar, whose join link we report before deleting it.
import type { AppContext } from '../app-context';
import { AppError } from '../errors';
import type { Employee } from '../generated/prisma/sqlite/client';
import { loadEmployeeReadiness } from '../readiness/load-readiness';
import { calendarLabel, CONFERENCING_LABELS, CONFERENCING_PROVIDERS, type ConferencingProvider } from '../readiness/providers';
import { canHost, companyProviders, nativeProvider, type Readiness } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';
import { calendarStatusText, conferencingStatusText } from './person-detail';

export interface HostingCheck {
  what: string;
  ok: boolean;
  detail: string;
}

/** Every provider, whatever the company's setting: the admin asks what this person *could* host. */
const ALL_PROVIDERS = JSON.stringify(CONFERENCING_PROVIDERS);

export async function hostingChecks(db: AppContext['db'], workspace: Workspace, employee: Employee): Promise<{ readiness: Readiness; checks: HostingCheck[] }> {
  const { readiness } = await loadEmployeeReadiness(db, { ...workspace, conferencingProviders: ALL_PROVIDERS }, employee.id);
  const { calendar } = readiness;
  const writable = calendar.state === 'connected' && calendar.reason !== 'no_writable_calendar';
  const place = calendarLabel(calendar.providerName, calendar.providerProtocol);
  const calendarDetail = calendar.state !== 'connected' ? calendarStatusText(calendar).replace(/^\S+ /, '') : writable ? `${place}, primary calendar` : `${place}, but no calendar Slotline may write to`;
  const checks: HostingCheck[] = [{ what: 'Calendar writable', ok: writable, detail: calendarDetail }];
  const used = companyProviders(workspace.conferencingProviders);
  for (const provider of CONFERENCING_PROVIDERS) {
    const item = readiness.conferencing.find((c) => c.provider === provider);
    const ok = canHost(readiness, provider);
    let detail = item ? conferencingStatusText(item).replace(/^\S+ /, '') : 'Not available';
    if (provider === 'google_meet' && calendar.state === 'connected' && calendar.providerName === 'google' && !nativeProvider(calendar)) {
      detail = 'Their Google calendar offers no Meet: is Google Meet enabled in the Google Admin console?';
    }
    if (provider === 'ms_teams' && calendar.providerProtocol === 'exchange_web_services' && !ok) {
      detail += ' (Microsoft 365 over Exchange Web Services needs Teams authorized separately)';
    }
    const usedHere = used.includes(provider) || (used.includes('native') && nativeProvider(calendar) === provider);
    checks.push({ what: `${CONFERENCING_LABELS[provider]}${usedHere ? '' : ' (not used by your company)'}`, ok, detail });
  }
  return { readiness, checks };
}

export function hostingChecksText(slackUserId: string, checks: HostingCheck[]): string {
  const lines = checks.map((c) => `${c.ok ? '✅' : '❌'} *${c.what}* — ${c.detail}`);
  return [`*What <@${slackUserId}> can host right now*`, ...lines, '', '_Add `--live` to create a 15-minute test event with video in their calendar and see its link (it is deleted right after)._'].join('\n');
}

/** `leftover`: the test event was created but could not be deleted again. */
export type LiveTestResult = { ok: true; joinUrl: string; providerName: string | null; start: Date; leftover: boolean } | { ok: false; message: string; start?: Date; leftover: boolean };

export interface LiveTestTiming {
  /** How long to wait for Cronofy to attach the conference. */
  waitMs: number;
  pollMs: number;
}

export const DEFAULT_LIVE_TEST_TIMING: LiveTestTiming = { waitMs: 20_000, pollMs: 1_000 };

type Ports = Pick<AppContext, 'db' | 'ids' | 'clock' | 'cronofy' | 'calendars' | 'logger'>;

const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The conferencing to ask Cronofy for: its own choice, the calendar's native one, or a linked profile. */
async function conferencingRequest(ports: Ports, employeeId: string, provider: ConferencingProvider | undefined, readiness: Readiness): Promise<{ profile_id: string } | string> {
  if (!provider) return { profile_id: 'default' };
  const label = CONFERENCING_LABELS[provider];
  if (nativeProvider(readiness.calendar) === provider) return { profile_id: 'integrated' };
  if (provider === 'google_meet') return `${label} only works from a Google calendar that offers it, so a live test with it cannot work.`;
  const stored = await ports.db.conferencingConnection.findUnique({ where: { employeeId_provider: { employeeId, provider } } });
  if (stored?.state !== 'connected' || !stored.profileId) return `They have not authorized ${label}, so a live test with it cannot work. Nudge them first.`;
  return { profile_id: stored.profileId };
}

export async function liveHostingTest(ports: Ports, workspace: Workspace, employee: Employee, provider?: ConferencingProvider, timing: LiveTestTiming = DEFAULT_LIVE_TEST_TIMING): Promise<LiveTestResult> {
  const connection = await ports.db.calendarConnection.findUnique({ where: { employeeId: employee.id } });
  if (!connection || connection.state !== 'connected') return { ok: false, leftover: false, message: 'Their calendar is not connected, so there is nowhere to create a test event.' };
  const calendarId = connection.primaryCalendarId;
  if (!calendarId) return { ok: false, leftover: false, message: 'Their calendar account has no calendar Slotline may write to.' };
  const { readiness } = await loadEmployeeReadiness(ports.db, { ...workspace, conferencingProviders: ALL_PROVIDERS }, employee.id);
  const conferencing = await conferencingRequest(ports, employee.id, provider, readiness);
  if (typeof conferencing === 'string') return { ok: false, leftover: false, message: conferencing };

  const eventId = `slotline-test-${ports.ids.id()}`;
  const startMs = ports.clock.now().getTime() + 10 * 60_000;
  const start = new Date(startMs);
  const end = new Date(startMs + 15 * 60_000);
  let sent = false;
  let created = false;
  let deleted = false;
  const removeTestEvent = (token: string) =>
    ports.cronofy.deleteEvent(token, calendarId, eventId).then(
      () => true,
      (error: unknown) => {
        ports.logger.warn('could not delete a live test event', { employeeId: employee.id, error: error instanceof Error ? error.message : String(error) });
        return false;
      },
    );
  try {
    return await ports.calendars.withAccessToken(employee.id, async (token) => {
      sent = true;
      await ports.cronofy.upsertEvent(token, calendarId, {
        event_id: eventId,
        summary: 'Slotline test interview (deleted automatically)',
        description: 'An admin checked that interviews with video can be created in this calendar. Slotline deletes this event right away.',
        start: start.toISOString(),
        end: end.toISOString(),
        tzid: employee.timeZone,
        conferencing,
        transparency: 'transparent',
      });
      created = true;
      let found: { joinUrl: string; providerName: string | null } | undefined;
      try {
        // A bounded wait in real time (the clock port may be frozen in tests): Cronofy attaches conferencing asynchronously.
        const deadline = Date.now() + timing.waitMs;
        while (!found) {
          const events = await ports.cronofy.readManagedEvents(token, { from: dateOnly(startMs - 86_400_000), to: dateOnly(startMs + 2 * 86_400_000), calendarIds: [calendarId] });
          const event = events.find((e) => e.event_id === eventId && !e.deleted);
          const joinUrl = event?.conferencing?.join_url ?? event?.meeting_url;
          if (joinUrl) found = { joinUrl, providerName: event?.conferencing?.provider_name ?? null };
          else if (Date.now() >= deadline) break;
          else await new Promise((resolve) => setTimeout(resolve, timing.pollMs));
        }
      } finally {
        deleted = await removeTestEvent(token);
      }
      if (found) return { ok: true as const, ...found, start, leftover: !deleted };
      const seconds = Math.round(timing.waitMs / 1000);
      return {
        ok: false as const,
        start,
        leftover: !deleted,
        message: `Cronofy created the test event but no video link appeared within ${seconds} s, so they cannot host ${provider ? CONFERENCING_LABELS[provider] : 'video'} interviews yet. Check the provider's setup (for Zoom, the Zoom admin must install Cronofy's Zoom app for all users).`,
      };
    });
  } catch (error) {
    const appError = error instanceof AppError ? error : undefined;
    ports.logger.warn('live hosting test failed', { employeeId: employee.id, code: appError?.code ?? 'internal', error: error instanceof Error ? error.message : String(error) });
    // A write that timed out or met a 5xx may have landed anyway: delete its event_id too (a missing event is no
    // error). A timed-out request can still land after that, so only a certain outcome is reported as clean.
    const uncertain = sent && !created && appError?.code === 'cronofy_unavailable';
    if (uncertain) await ports.calendars.withAccessToken(employee.id, removeTestEvent).catch(() => false);
    const clean = !uncertain && (deleted || !created);
    return {
      ok: false,
      start,
      leftover: created && !deleted,
      message: `The test could not run: ${appError?.userMessage ?? 'Cronofy did not answer as expected.'} ${clean ? 'Nothing was left in their calendar.' : 'If a "Slotline test interview" event is left in their calendar, it is safe to delete.'}`,
    };
  }
}
