// The announcement job against a real database and a fake Slack client: a retry after a half-done run DMs nobody
// twice, someone Slack refuses does not block the rest, and a superseded revision announces nothing.
import type { WebClient } from '@slack/web-api';
import { announce } from '../../src/scheduling/announcements';
import { silentLogger } from '../../src/platform/logger';
import { sequentialIds } from '../support/fakes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

class PlatformError extends Error {
  readonly code = 'slack_webapi_platform_error';
}

describe('announcing an interview', () => {
  let database: TestDatabase;
  const posted: Array<{ channel: string; text: string }> = [];
  const updated: Array<{ channel: string; ts: string; text: string }> = [];
  let failures: Record<string, Error> = {};
  const client = {
    chat: {
      postMessage: async ({ channel, text }: { channel: string; text: string }) => {
        const failure = failures[channel];
        if (failure) {
          // Network trouble passes; Slack's refusals (user_not_found) stay.
          if (!(failure instanceof PlatformError)) delete failures[channel];
          throw failure;
        }
        posted.push({ channel, text });
        return { ok: true, channel: `D_${channel}`, ts: `${posted.length}.0001` };
      },
      update: async ({ channel, ts, text }: { channel: string; ts: string; text: string }) => {
        updated.push({ channel, ts, text });
        return { ok: true };
      },
    },
  } as unknown as WebClient;
  const ids = sequentialIds();
  const ports = () => ({ db: database.db, ids, logger: silentLogger, slack: { forTeam: async () => client } });

  beforeAll(async () => {
    database = createTestDatabase();
    const { db } = database;
    await db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
    for (const [id, slackUserId, timeZone] of [
      ['e0', 'U0REC', 'Europe/London'],
      ['e1', 'U0ALICE', 'Europe/London'],
      ['e2', 'U0BOB', 'America/New_York'],
      ['e3', 'U0GONE', 'UTC'],
    ]) {
      await db.employee.create({ data: { id, workspaceId: 'ws1', slackUserId, realName: slackUserId, timeZone } });
    }
    await db.interview.create({
      data: {
        id: 'int_1',
        workspaceId: 'ws1',
        recruiterSlackUserId: 'U0REC',
        organizerEmployeeId: 'e1',
        calendarId: 'cal_1',
        candidateName: 'Jane Doe',
        candidateEmail: 'jane@example.com',
        interviewerSlackUserIds: JSON.stringify(['U0ALICE', 'U0BOB', 'U0GONE']),
        title: 'Panel',
        durationMinutes: 60,
        start: new Date('2027-03-15T13:00:00Z'),
        end: new Date('2027-03-15T14:00:00Z'),
        timeZone: 'Europe/London',
        conferencingChoice: 'none',
        conferencingStatus: 'none',
        status: 'booked',
        revision: 1,
      },
    });
  });

  afterAll(() => database.dispose());

  it('resumes a half-done announcement without DMing anyone twice, and skips people Slack refuses', async () => {
    failures = { U0BOB: new Error('socket hang up'), U0GONE: new PlatformError('An API error occurred: user_not_found') };
    await expect(announce(ports(), { interviewId: 'int_1', revision: 1, kind: 'booked' })).rejects.toThrow('socket hang up');
    expect(posted.map((p) => p.channel)).toEqual(['U0REC', 'U0ALICE']);

    await announce(ports(), { interviewId: 'int_1', revision: 1, kind: 'booked' });
    await announce(ports(), { interviewId: 'int_1', revision: 1, kind: 'booked' });
    expect(posted.map((p) => p.channel)).toEqual(['U0REC', 'U0ALICE', 'U0BOB']);
    expect(posted.find((p) => p.channel === 'U0BOB')?.text).toBe('Interview booked: Panel, Mon 15 Mar, 09:00–10:00 (New York time, GMT-4)');
  });

  it('announces nothing for a revision a newer change superseded, and retires older DMs when the newer one goes out', async () => {
    await database.db.interview.update({ where: { id: 'int_1' }, data: { revision: 2, status: 'cancelled' } });
    await database.db.interviewHistory.create({ data: { id: 'h1', interviewId: 'int_1', action: 'cancelled', actorSlackUserId: 'U0ALICE', detail: JSON.stringify({ from: { start: '2027-03-15T13:00:00Z', end: '2027-03-15T14:00:00Z' } }) } });
    const before = posted.length;
    await announce(ports(), { interviewId: 'int_1', revision: 1, kind: 'booked' });
    expect(posted).toHaveLength(before);

    await announce(ports(), { interviewId: 'int_1', revision: 2, kind: 'cancelled' });
    expect(posted.slice(before).map((p) => p.text)).toEqual([
      'Interview cancelled: Panel (was Mon 15 Mar, 13:00–14:00 (London time, GMT+0))',
      'Interview cancelled: Panel (was Mon 15 Mar, 13:00–14:00 (London time, GMT+0))',
      'Interview cancelled: Panel (was Mon 15 Mar, 09:00–10:00 (New York time, GMT-4))',
    ]);
    expect(updated.map((u) => [u.channel, u.text])).toEqual([
      ['D_U0REC', expect.stringContaining('cancelled')],
      ['D_U0ALICE', expect.stringContaining('cancelled')],
      ['D_U0BOB', expect.stringContaining('cancelled')],
    ]);
    expect(await database.db.interviewMessage.count({ where: { interviewId: 'int_1', revision: 1 } })).toBe(0);
  });
});
