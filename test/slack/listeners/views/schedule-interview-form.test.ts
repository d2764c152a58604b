import type { SlackObject, ViewRecord } from '../../../../src/simulators/slack';
import { connectCalendar, employeeId, syncRoster } from '../../../support/connect';
import { startHarness, type Harness } from '../../../support/harness';
import { FORM, SLOTS, blockText, manualClock, openScheduler, slotStarts, submitForm, waitForView, type FormValues } from '../../../scheduling/scheduling-driver';

const valid: FormValues = { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', interviewers: ['U0ALICE', 'U0BOB'], duration: '45', video: 'none' };

describe('submitting the scheduling form', () => {
  let harness: Harness;
  const time = manualClock('2027-03-10T12:00:00Z');

  beforeAll(async () => {
    harness = await startHarness({
      cronofyClock: time.cronofyClock,
      start: { clock: time.clock },
      people: [
        { slackId: 'U0REC', name: 'rita', tz: 'Europe/London', calendar: { provider: 'google' } },
        { slackId: 'U0ALICE', name: 'alice', tz: 'Europe/London', calendar: { provider: 'google' } },
        { slackId: 'U0BOB', name: 'bob', tz: 'America/New_York', calendar: { provider: 'office365' } },
        { slackId: 'U0TOKYO', name: 'toshi', tz: 'Asia/Tokyo', calendar: { provider: 'google' } },
        { slackId: 'U0DAVE', name: 'dave', tz: 'Europe/London', calendar: { provider: 'google' } },
        { slackId: 'U0GUEST', name: 'gus', isRestricted: true },
      ],
    });
    await syncRoster(harness);
    for (const id of ['U0REC', 'U0ALICE', 'U0BOB', 'U0TOKYO']) await connectCalendar(harness, id);
  });

  afterAll(() => harness?.stop());

  const interviews = () => harness.ctx.db.interview.count();

  /** Runs an interaction and waits for the modal update it causes. */
  async function refreshed(act: () => Promise<unknown>): Promise<void> {
    const updates = harness.slack.apiCalls('views.update').length;
    await act();
    await harness.slack.waitFor(() => harness.slack.apiCalls('views.update').length > updates, { timeoutMs: 5000 });
  }

  describe('with bad input: field errors in the modal, nothing saved', () => {
    it.each<[string, FormValues, string, RegExp]>([
      ['an invalid email', { candidateEmail: 'jane.example.com' }, 'candidate_email', /not an email address/],
      ['no interviewers', { interviewers: [] }, 'interviewers', /at least one interviewer/],
      ['a duration under 15 minutes', { duration: '10' }, 'duration', /between 15 minutes and 4 hours/],
      ['a duration over 4 hours', { duration: '300' }, 'duration', /300 minutes is outside/],
      ['a window in the past', { windowStart: '2027-03-01', windowEnd: '2027-03-05' }, 'window_end', /in the past/],
      ['a window longer than Cronofy searches', { windowEnd: '2027-04-30' }, 'window_end', /35 days/],
      ['a guest among the interviewers', { interviewers: ['U0ALICE', 'U0GUEST'] }, 'interviewers', /not a full member/],
    ])('%s', async (_name, patch, field, message) => {
      const before = await interviews();
      const form = await openScheduler(harness, 'U0REC');
      const result = await submitForm(harness, 'U0REC', form.id, { ...valid, ...patch });
      expect(result.outcome).toBe('errors');
      const [modal] = harness.slack.openModals('U0REC');
      expect(modal.errors?.[field]).toMatch(message);
      expect(modal.spec.callback_id).toBe(FORM);
      expect(await interviews()).toBe(before);
    });
  });

  describe('readiness first', () => {
    it('names an interviewer whose calendar is not connected, with a Nudge button that reminds them', async () => {
      const form = await openScheduler(harness, 'U0REC');
      const result = await submitForm(harness, 'U0REC', form.id, { ...valid, interviewers: ['U0ALICE', 'U0DAVE'] });
      expect(result.outcome).toBe('updated');
      const shown = await waitForView(harness, form.id, FORM, 'Before you can book');
      expect(blockText(shown)).toContain('<@U0DAVE>’s calendar is not connected to Slotline yet');
      // What was typed stays in the form.
      expect(shown.stateValues.candidate_email.value).toMatchObject({ value: 'jane@example.com' });

      const dave = await employeeId(harness, 'U0DAVE');
      const dmsBefore = harness.slack.dmsTo('U0DAVE').length;
      await harness.slack.clickButton({ userId: 'U0REC', actionId: 'schedule_nudge', value: dave, in: { viewId: form.id } });
      const after = await waitForView(harness, form.id, FORM, 'Reminder sent');
      expect(JSON.stringify(after.spec.blocks)).not.toContain('"schedule_nudge"');
      expect(harness.slack.dmsTo('U0DAVE').length).toBeGreaterThan(dmsBefore);
      expect(harness.slack.dmsTo('U0DAVE').at(-1)?.text + JSON.stringify(harness.slack.dmsTo('U0DAVE').at(-1)?.blocks)).toContain('<@U0REC>');
      expect(await harness.ctx.db.interview.count({ where: { candidateEmail: 'jane@example.com', status: { not: 'draft' } } })).toBe(0);
    });

    it('re-checks as interviewers are picked, and says when an organizer cannot host the chosen video', async () => {
      const form = await openScheduler(harness, 'U0REC');
      const pick = (actionId: string, selection: Record<string, unknown>) => refreshed(() => harness.slack.interact({ userId: 'U0REC', actionId, in: { viewId: form.id }, selection }));
      await pick('schedule_interviewers', { selected_users: ['U0DAVE'] });
      expect(blockText(harness.slack.openModals('U0REC')[0])).toContain('<@U0DAVE>’s calendar is not connected');
      await pick('schedule_interviewers', { selected_users: ['U0ALICE'] });
      await pick('schedule_organizer', { selected_user: 'U0BOB' });
      await pick('schedule_video', { selected_option: { value: 'google_meet' } });
      const meet = harness.slack.openModals('U0REC')[0];
      expect(blockText(meet)).toContain('<@U0BOB> cannot host Google Meet');
      expect(blockText(meet)).not.toContain('U0DAVE');

      await pick('schedule_video', { selected_option: { value: 'zoom' } });
      expect(JSON.stringify(harness.slack.openModals('U0REC')[0].spec.blocks)).toContain('"schedule_nudge"');
      const result = await submitForm(harness, 'U0REC', form.id, { candidateName: 'Jane Doe', candidateEmail: 'jane@example.com', duration: '45' });
      expect(result.outcome).toBe('updated');
      expect(blockText(harness.slack.openModals('U0REC')[0])).toContain('<@U0BOB> has not authorized Zoom');
    });
  });

  describe('when nothing fits', () => {
    it('says who is busy and finds times in a wider window', async () => {
      harness.cronofy.addBusy('bob@acme.test', { start: '2027-03-10T00:00:00Z', end: '2027-03-18T00:00:00Z', summary: 'Conference' });
      const form = await openScheduler(harness, 'U0REC');
      await submitForm(harness, 'U0REC', form.id, valid);
      const none = await waitForView(harness, form.id, SLOTS, 'Nothing fits');
      expect(blockText(none)).toContain('Bob is busy during all of their working hours in this window');
      expect(blockText(none)).not.toContain('Alice is busy');
      const interview = await harness.ctx.db.interview.findFirstOrThrow({ orderBy: { createdAt: 'desc' } });
      expect(interview.status).toBe('draft');

      await harness.slack.clickButton({ userId: 'U0REC', actionId: 'schedule_wider_window', in: { viewId: form.id } });
      const wider = await waitForView(harness, form.id, SLOTS, 'Book');
      expect(Math.min(...slotStarts(wider))).toBeGreaterThanOrEqual(Date.parse('2027-03-18T13:00:00Z'));
      expect(blockText(wider)).toContain('Searched Wed 10 Mar – Wed 24 Mar');
      const history = await harness.ctx.db.interviewHistory.findMany({ where: { interviewId: interview.id } });
      expect(history.map((h) => h.action)).toEqual(['drafted', 'window_widened']);
    });

    it('says when working hours never overlap', async () => {
      const form = await openScheduler(harness, 'U0REC');
      await submitForm(harness, 'U0REC', form.id, { ...valid, interviewers: ['U0TOKYO', 'U0BOB'], windowEnd: '2027-03-12' });
      const none: ViewRecord = await waitForView(harness, form.id, SLOTS, 'Nothing fits');
      expect(blockText(none)).toContain('Their working hours never overlap for 45 min in this window: Toshi 09:00–17:00 Tokyo; Bob 09:00–17:00 New York');
      expect((none.spec.blocks as SlackObject[]).some((b) => JSON.stringify(b).includes('schedule_wider_window'))).toBe(true);
    });
  });
});
