// The scheduling surfaces stay inside Slack's Block Kit limits (checked with the same rules the simulator enforces).
import { messageBlockProblems, viewProblems } from '../../src/simulators/slack/block-kit-limits';
import type { Interview } from '../../src/scheduling/interview-records';
import type { PanelProblem, Person } from '../../src/scheduling/panel';
import { formView } from '../../src/scheduling/views/form-view';
import { interviewMessage } from '../../src/scheduling/views/interview-message';
import { slotsView } from '../../src/scheduling/views/slots-view';
import { decodeMetadata } from '../../src/scheduling/views/metadata';
import { evaluateReadiness } from '../../src/readiness/readiness';

const long = (n: number) => 'x'.repeat(n);
const person = (i: number): Person => ({
  slackUserId: `U${i}`,
  employeeId: `e${i}`,
  name: `Person ${long(80)} ${i}`,
  email: `p${i}@acme.test`,
  timeZone: i % 2 ? 'America/Los_Angeles' : 'Asia/Kolkata',
  cronofySub: `acc_${i}`,
  calendarId: `cal_${i}`,
  readiness: evaluateReadiness({ calendar: null, conferencing: [], companyProviders: ['native'], optedOut: false }),
});

describe('scheduling views within Block Kit limits', () => {
  it('keeps a form with many problems under 100 blocks and valid', () => {
    const problems: PanelProblem[] = Array.from({ length: 40 }, (_, i) => ({ field: 'interviewers', slackUserId: `U${i}`, nudgeEmployeeId: `e${i}`, text: long(400), short: 'x' }));
    const view = formView({
      draft: { candidateName: long(100), candidateEmail: 'a@b.c', interviewers: ['U1'], organizer: null, duration: '45', windowStart: '2027-03-10', windowEnd: '2027-03-17', video: 'auto', title: long(150), notes: long(2000) },
      zone: 'Europe/London',
      hours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      problems,
      nudges: { e1: 'sent' },
      canNudge: true,
    });
    expect(viewProblems(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    // The zone its dates are read in travels with the form, so its submission is answered without a lookup.
    expect(decodeMetadata(view.private_metadata)).toEqual({ k: 'form', n: { e1: 'sent' }, z: 'Europe/London' });
  });

  it('keeps a full slot picker valid and its private_metadata small', () => {
    const start = Date.parse('2027-03-15T13:00:00Z');
    const slots = Array.from({ length: 12 }, (_, i) => ({ start: start + i * 3_600_000, end: start + (i + 1) * 3_600_000 }));
    const view = slotsView({
      interviewId: 'int_' + long(20),
      revision: 3,
      title: long(150),
      durationMinutes: 60,
      video: 'zoom',
      interviewers: Array.from({ length: 10 }, (_, i) => person(i)),
      organizerName: 'Alice',
      zone: 'Europe/London',
      searched: { start, end: start + 35 * 86_400_000 },
      rescheduling: false,
      slots,
      notice: long(500),
      canWiden: true,
    });
    expect(viewProblems(view)).toEqual([]);
    expect((view.private_metadata ?? '').length).toBeLessThan(3000);
    expect(decodeMetadata(view.private_metadata)).toEqual({ k: 'interview', i: 'int_' + long(20), r: 3, s: slots.map((s) => s.start / 60_000) });
  });

  it('keeps an interview DM valid, with mrkdwn in people’s input escaped', () => {
    const interview = {
      id: 'int_1',
      title: 'Interview: <!channel> & co',
      candidateName: '<@U999>',
      candidateEmail: 'jane@example.com',
      notes: long(2000),
      start: new Date('2027-03-15T13:00:00Z'),
      end: new Date('2027-03-15T14:00:00Z'),
      recruiterSlackUserId: 'U0REC',
      conferencingChoice: 'zoom',
      conferencingProvider: 'zoom',
      conferencingStatus: 'assigned',
      joinUrl: 'https://zoom.example/j/1',
    } as Interview;
    const message = interviewMessage({ kind: 'booked', interview, recipient: { slackUserId: 'U1', timeZone: 'America/New_York', isRecruiter: false }, interviewerIds: ['U1', 'U2'], organizerSlackUserId: 'U1', actorSlackUserId: null, previous: null });
    expect(messageBlockProblems(message.blocks)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('&lt;!channel&gt; &amp; co');
    expect(text).not.toContain('<@U999>');
    expect(text).not.toContain('jane@example.com');
    expect(text).toContain('Mon 15 Mar, 09:00–10:00 (New York time, GMT-4)');
  });
});
