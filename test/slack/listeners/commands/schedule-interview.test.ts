import type { SlackObject, ViewRecord } from '../../../../src/simulators/slack';
import { connectCalendar, syncRoster } from '../../../support/connect';
import { startHarness, type Harness } from '../../../support/harness';
import { FORM, blockText, manualClock, newModal, openScheduler, waitForView } from '../../../scheduling/scheduling-driver';

const inputBlock = (view: ViewRecord, blockId: string) => (view.spec.blocks as SlackObject[]).find((b) => b.block_id === blockId)?.element as SlackObject;

describe('/schedule-interview', () => {
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
        { slackId: 'U0GUEST', name: 'gus', isRestricted: true },
        { slackId: 'U0GRP', name: 'greta', tz: 'Asia/Tokyo' },
      ],
    });
    await syncRoster(harness);
    for (const id of ['U0REC', 'U0ALICE', 'U0BOB']) await connectCalendar(harness, id);
  });

  afterAll(() => harness?.stop());

  it('opens a loading modal with the trigger at once, then the form prefilled from the command text', async () => {
    const form = await openScheduler(harness, 'U0REC', 'Jane Doe <mailto:jane@example.com|jane@example.com> <@U0ALICE|alice> <@U0BOB> 45m zoom');
    const [open] = harness.slack.apiCalls('views.open');
    expect(open).toMatchObject({ status: 200 });
    expect(JSON.parse(String(open.args.view)).blocks[0].text.text).toContain('Getting the form ready');
    expect(inputBlock(form, 'candidate_name')).toMatchObject({ initial_value: 'Jane Doe' });
    expect(inputBlock(form, 'candidate_email')).toMatchObject({ initial_value: 'jane@example.com' });
    expect(inputBlock(form, 'interviewers')).toMatchObject({ type: 'multi_users_select', initial_users: ['U0ALICE', 'U0BOB'] });
    expect(inputBlock(form, 'duration')).toMatchObject({ initial_value: '45m' });
    expect(inputBlock(form, 'video')).toMatchObject({ initial_option: { value: 'zoom' } });
    // The rest of today plus the next five working days, in the recruiter's zone.
    expect(inputBlock(form, 'window_start')).toMatchObject({ initial_date: '2027-03-10' });
    expect(inputBlock(form, 'window_end')).toMatchObject({ initial_date: '2027-03-17' });
    // Alice's Google calendar has no Zoom and she is first in line to organize: the modal says so before any search.
    expect(blockText(form)).toContain('Before you can book');
  });

  it('opens an empty form with defaults in the recruiter’s own zone', async () => {
    const form = await openScheduler(harness, 'U0GRP');
    expect(inputBlock(form, 'interviewers').initial_users).toBeUndefined();
    expect(inputBlock(form, 'duration')).toMatchObject({ initial_value: '60' });
    expect(inputBlock(form, 'video')).toMatchObject({ initial_option: { value: 'auto' } });
    expect(inputBlock(form, 'window_start')).toMatchObject({ initial_date: '2027-03-10' });
    expect(blockText(form)).toContain('You will see times in yours (Tokyo)');
    expect(blockText(form)).not.toContain('Before you can book');
  });

  it('matches unescaped @names to people and says which it could not', async () => {
    const form = await openScheduler(harness, 'U0REC', '@alice @nobody');
    expect(inputBlock(form, 'interviewers')).toMatchObject({ initial_users: ['U0ALICE'] });
    expect(blockText(form)).toContain('could not tell who @nobody is');
  });

  it('refuses a guest with a short ephemeral message and opens nothing', async () => {
    const opens = harness.slack.apiCalls('views.open').length;
    await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0GUEST', command: '/schedule-interview' });
    await harness.slack.waitFor((r) => r.kind === 'ephemeral' && r.userId === 'U0GUEST' && r.text.includes('Only full members'), { timeoutMs: 3000 });
    expect(harness.slack.apiCalls('views.open')).toHaveLength(opens);
  });

  it('once restricted to recruiters, lets the recruiter group in and keeps everyone else out', async () => {
    const group = harness.slack.addUserGroup(harness.teamId, { handle: 'recruiters', users: ['U0GRP'] });
    await harness.ctx.workspaces.update(await harness.workspaceId(), { recruitersRestricted: true, recruiterUserGroupId: String(group.id) });
    try {
      await harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0ALICE', command: '/schedule-interview' });
      await harness.slack.waitFor((r) => r.kind === 'ephemeral' && r.userId === 'U0ALICE' && r.text.includes('limited to recruiters'), { timeoutMs: 3000 });
      const opened = await newModal(harness, 'U0GRP', () => harness.slack.slashCommand({ teamId: harness.teamId, userId: 'U0GRP', command: '/schedule-interview' }));
      await waitForView(harness, opened.id, FORM);
    } finally {
      await harness.ctx.workspaces.update(await harness.workspaceId(), { recruitersRestricted: false, recruiterUserGroupId: null });
    }
  });
});
