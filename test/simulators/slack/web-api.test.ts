import { ErrorCode, type UsersListResponse, type WebAPIPlatformError } from '@slack/web-api';
import { FakeClock, type SeededSimulator, startSeededSimulator, webClient } from './simulator-fixtures';

function platformError(error: unknown): string {
  expect((error as WebAPIPlatformError).code).toBe(ErrorCode.PlatformError);
  return (error as WebAPIPlatformError).data.error;
}

async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return platformError(error);
  }
  throw new Error('expected the call to fail');
}

const modal = (title = 'Schedule') => ({ type: 'modal' as const, title: { type: 'plain_text' as const, text: title }, blocks: [] });

describe('Slack simulator Web API, driven by the real WebClient', () => {
  let seeded: SeededSimulator;
  const clock = new FakeClock();

  beforeAll(async () => {
    seeded = await startSeededSimulator({ clock: clock.now, rateLimitScale: 100 });
  });
  afterAll(() => seeded.sim.stop());

  describe('authentication', () => {
    it('auth.test identifies the bot of the token’s workspace', async () => {
      const result = await seeded.client.auth.test();
      expect(result).toMatchObject({ ok: true, team_id: seeded.teamId, user_id: seeded.botUserId, bot_id: expect.stringMatching(/^B/) });
    });

    it('answers invalid_auth for an unknown token', async () => {
      expect(await slackError(webClient(seeded.sim, 'xoxb-not-a-real-token').auth.test())).toBe('invalid_auth');
    });

    it('answers not_authed without a token', async () => {
      expect(await slackError(webClient(seeded.sim).auth.test())).toBe('not_authed');
    });

    it('answers unknown_method for methods it does not implement', async () => {
      expect(await slackError(seeded.client.apiCall('reactions.add', { name: 'tada' }))).toBe('unknown_method');
    });

    it('records each call with its arguments but without the token', async () => {
      await seeded.client.team.info();
      const call = seeded.sim.apiCalls('team.info').at(-1);
      expect(call).toMatchObject({ method: 'team.info', teamId: seeded.teamId, status: 200 });
      expect(JSON.stringify(call)).not.toContain(seeded.botToken);
    });
  });

  describe('users', () => {
    it('pages through users.list with client.paginate, including Slackbot, the bot and deleted people', async () => {
      const { sim, teamId } = seeded;
      sim.addUser(teamId, { name: 'gone', deleted: true });
      sim.addUser(teamId, { name: 'helper-bot', isBot: true });
      const pages: string[][] = [];
      for await (const page of seeded.client.paginate('users.list', { limit: 2 })) {
        const { members = [] } = page as UsersListResponse;
        pages.push(members.map((member) => String(member.id)));
      }
      const ids = pages.flat();
      expect(pages.length).toBe(3);
      expect(pages.every((page) => page.length <= 2)).toBe(true);
      expect(new Set(ids).size).toBe(6);
      expect(ids).toEqual(expect.arrayContaining(['USLACKBOT', seeded.botUserId, seeded.ada, seeded.grace]));
    });

    it('rejects a cursor it did not issue', async () => {
      expect(await slackError(seeded.client.users.list({ cursor: 'bm9wZQ==' }))).toBe('invalid_cursor');
    });

    it('users.info gives the person’s zone with the label and offset in force at that moment', async () => {
      const { user } = await seeded.client.users.info({ user: seeded.ada });
      expect(user).toMatchObject({ id: seeded.ada, tz: 'Europe/London', tz_label: 'British Summer Time', tz_offset: 3600, is_admin: true });
      expect(user?.profile?.email).toBe('ada@acme.test');
    });

    it('users.lookupByEmail ignores case and answers users_not_found for strangers', async () => {
      expect((await seeded.client.users.lookupByEmail({ email: 'GRACE@acme.test' })).user?.id).toBe(seeded.grace);
      expect(await slackError(seeded.client.users.lookupByEmail({ email: 'nobody@acme.test' }))).toBe('users_not_found');
    });

    it('users.info answers user_not_found for an unknown id', async () => {
      expect(await slackError(seeded.client.users.info({ user: 'UNOBODY' }))).toBe('user_not_found');
    });

    it('lists user groups and their members', async () => {
      const group = seeded.sim.addUserGroup(seeded.teamId, { handle: 'recruiters', users: [seeded.ada] });
      const { usergroups } = await seeded.client.usergroups.list({ include_users: true });
      expect(usergroups).toEqual([expect.objectContaining({ id: group.id, handle: 'recruiters', users: [seeded.ada], user_count: 1 })]);
      expect((await seeded.client.usergroups.users.list({ usergroup: String(group.id) })).users).toEqual([seeded.ada]);
      expect(await slackError(seeded.client.usergroups.users.list({ usergroup: 'SNOPE' }))).toBe('no_such_subteam');
    });
  });

  describe('messages', () => {
    it('posts to a user id into the bot’s DM, answering with the stable D… id', async () => {
      const first = await seeded.client.chat.postMessage({ channel: seeded.grace, text: 'Hello Grace' });
      const second = await seeded.client.chat.postMessage({ channel: seeded.grace, text: 'Again' });
      const opened = await seeded.client.conversations.open({ users: seeded.grace });
      expect(first.channel).toMatch(/^D/);
      expect(second.channel).toBe(first.channel);
      expect(opened.channel?.id).toBe(first.channel);
      expect(first.message).toMatchObject({ text: 'Hello Grace', user: seeded.botUserId, ts: first.ts });
      expect(seeded.sim.dmsTo(seeded.grace).map((m) => m.text)).toEqual(['Hello Grace', 'Again']);
      expect(seeded.sim.lastDmTo(seeded.grace)?.text).toBe('Again');
    });

    it('keeps every chat.update in the message history', async () => {
      const posted = await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'Pending' });
      const channel = String(posted.channel);
      const ts = String(posted.ts);
      await seeded.client.chat.update({ channel, ts, text: 'Booked' });
      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Booked* for Tuesday' } }];
      const updated = await seeded.client.chat.update({ channel, ts, text: 'Booked for Tuesday', blocks });
      const [record] = seeded.sim.messages(channel).filter((m) => m.ts === ts);
      expect(record.updates.map((u) => u.text)).toEqual(['Booked', 'Booked for Tuesday']);
      expect(record.blocks?.[0]).toMatchObject({ type: 'section', block_id: expect.any(String) });
      expect(updated.message).toMatchObject({ text: 'Booked for Tuesday', edited: { user: seeded.botUserId } });
    });

    it('marks deleted messages and refuses to update them', async () => {
      const posted = await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'Oops' });
      await seeded.client.chat.delete({ channel: String(posted.channel), ts: String(posted.ts) });
      expect(seeded.sim.lastDmTo(seeded.ada)).toMatchObject({ text: 'Oops', deleted: true });
      expect(await slackError(seeded.client.chat.update({ channel: String(posted.channel), ts: String(posted.ts), text: 'x' }))).toBe('message_not_found');
    });

    it('refuses unknown channels, empty messages and too many blocks', async () => {
      expect(await slackError(seeded.client.chat.postMessage({ channel: 'CNOWHERE', text: 'hi' }))).toBe('channel_not_found');
      expect(await slackError(seeded.client.chat.postMessage({ channel: seeded.ada, text: '' }))).toBe('no_text');
      const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
      try {
        await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'x', blocks: tooMany });
        throw new Error('expected invalid_blocks');
      } catch (error) {
        expect(platformError(error)).toBe('invalid_blocks');
        expect((error as WebAPIPlatformError).data.response_metadata?.messages).toEqual(['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']);
      }
    });

    it('refuses a section text over 3000 characters, pointing at it', async () => {
      const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }];
      try {
        await seeded.client.chat.postMessage({ channel: seeded.ada, text: 'x', blocks });
        throw new Error('expected invalid_blocks');
      } catch (error) {
        expect((error as WebAPIPlatformError).data).toMatchObject({ error: 'invalid_blocks', errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] });
      }
    });

    it('records ephemerals for members of the conversation only', async () => {
      const result = await seeded.client.chat.postEphemeral({ channel: seeded.ada, user: seeded.ada, text: 'Only you' });
      expect(seeded.sim.ephemerals(seeded.ada).at(-1)).toMatchObject({ ts: result.message_ts, text: 'Only you' });
      expect(await slackError(seeded.client.chat.postEphemeral({ channel: seeded.ada, user: seeded.grace, text: 'x' }))).toBe('user_not_in_channel');
    });
  });

  describe('views', () => {
    it('opens a modal for the person the trigger came from', async () => {
      const trigger = seeded.sim.issueTriggerId(seeded.teamId, seeded.ada);
      const { view } = await seeded.client.views.open({ trigger_id: trigger, view: modal() });
      expect(view).toMatchObject({ id: expect.stringMatching(/^V/), hash: expect.any(String), root_view_id: view?.id, state: { values: {} } });
      expect(seeded.sim.openModals(seeded.ada).map((v) => v.id)).toEqual([view?.id]);
    });

    it('refuses a trigger_id older than 3 seconds on the simulator clock', async () => {
      const trigger = seeded.sim.issueTriggerId(seeded.teamId, seeded.ada);
      clock.advance(3001);
      expect(await slackError(seeded.client.views.open({ trigger_id: trigger, view: modal() }))).toBe('expired_trigger_id');
    });

    it('refuses a trigger_id used twice, and one it never issued', async () => {
      const trigger = seeded.sim.issueTriggerId(seeded.teamId, seeded.ada);
      await seeded.client.views.open({ trigger_id: trigger, view: modal() });
      expect(await slackError(seeded.client.views.open({ trigger_id: trigger, view: modal() }))).toBe('exchanged_trigger_id');
      expect(await slackError(seeded.client.views.open({ trigger_id: '123.456.abc', view: modal() }))).toBe('invalid_trigger_id');
    });

    it('updates by view_id or external_id and refuses a stale hash', async () => {
      const trigger = seeded.sim.issueTriggerId(seeded.teamId, seeded.grace);
      const { view } = await seeded.client.views.open({ trigger_id: trigger, view: { ...modal('Loading…'), external_id: 'booking-1' } });
      const opened = { view_id: String(view?.id), hash: view?.hash };
      const updated = await seeded.client.views.update({ ...opened, view: modal('Pick a slot') });
      expect(updated.view?.id).toBe(opened.view_id);
      const byExternalId = await seeded.client.views.update({ external_id: 'booking-1', view: modal('By external id') });
      expect(byExternalId.view?.id).toBe(opened.view_id);
      expect(await slackError(seeded.client.views.update({ ...opened, view: modal('Stale') }))).toBe('hash_conflict');
      expect(await slackError(seeded.client.views.update({ external_id: 'no-such', view: modal() }))).toBe('not_found');
    });

    it('refuses a modal title over 24 characters with invalid_arguments', async () => {
      const trigger = seeded.sim.issueTriggerId(seeded.teamId, seeded.grace);
      try {
        await seeded.client.views.open({ trigger_id: trigger, view: modal('A title that is far too long') });
        throw new Error('expected invalid_arguments');
      } catch (error) {
        expect((error as WebAPIPlatformError).data).toMatchObject({
          error: 'invalid_arguments',
          response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] },
        });
      }
    });

    it('publishes one Home view per person, keeping its id', async () => {
      const home = { type: 'home' as const, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Calendar: not connected' } }] };
      const first = await seeded.client.views.publish({ user_id: seeded.ada, view: home });
      const second = await seeded.client.views.publish({ user_id: seeded.ada, view: home, hash: first.view?.hash });
      expect(second.view?.id).toBe(first.view?.id);
      expect(seeded.sim.homeView(seeded.ada)?.spec.blocks).toEqual([expect.objectContaining({ type: 'section', block_id: expect.any(String) })]);
      expect(await slackError(seeded.client.views.publish({ user_id: 'UNOBODY', view: home }))).toBe('user_not_found');
    });
  });

  describe('files', () => {
    it('runs files.uploadV2 end to end and shares the file into the DM', async () => {
      const dm = String((await seeded.client.conversations.open({ users: seeded.ada })).channel?.id);
      const result = await seeded.client.files.uploadV2({
        channel_id: dm,
        content: 'BEGIN:VCALENDAR\nEND:VCALENDAR',
        filename: 'interview.ics',
        title: 'Interview invite',
        initial_comment: 'Your invite',
      });
      expect(result.ok).toBe(true);
      const [file] = seeded.sim.files();
      expect(file).toMatchObject({ filename: 'interview.ics', title: 'Interview invite', channel: dm, initialComment: 'Your invite', completed: true });
      expect(file.content?.toString('utf8')).toBe('BEGIN:VCALENDAR\nEND:VCALENDAR');
      expect(seeded.sim.lastDmTo(seeded.ada)).toMatchObject({ text: 'Your invite', fileIds: [file.id] });
    });

    it('refuses to complete a file whose bytes never arrived', async () => {
      const { file_id } = await seeded.client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
      expect(await slackError(seeded.client.files.completeUploadExternal({ files: [{ id: String(file_id) }] }))).toBe('file_not_found');
    });
  });
});
