import { batchCalls, callIntervalMs, CALLS_PER_PERSON, DEFAULT_PACING, exchangeSlot, reserveCalls } from '../../src/enterprise/pacing';
import { fakeClock } from '../support/fakes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const CRONOFY_PER_MINUTE = 500;
const CRONOFY_PER_SECOND = 50;

describe('Enterprise Connect pacing', () => {
  it('spends at most half of Cronofy’s per-minute limit, so a late batch overlapping the next stays inside it', () => {
    const perMinute = 60_000 / callIntervalMs(DEFAULT_PACING);
    expect(perMinute).toBeLessThanOrEqual(CRONOFY_PER_MINUTE / 2);
    expect((2 * 1000) / callIntervalMs(DEFAULT_PACING)).toBeLessThan(CRONOFY_PER_SECOND);
  });

  it('costs a batch one request plus three calls per person', () => {
    expect(CALLS_PER_PERSON).toBe(3);
    expect(batchCalls(50)).toBe(151);
  });

  it('gives each person of a batch their own exchange slot after the request', () => {
    const sentAt = new Date('2026-11-23T10:00:00Z');
    const pacing = { callsPerMinute: 600, batchSize: 50 };
    expect(exchangeSlot(sentAt, 0, pacing).toISOString()).toBe('2026-11-23T10:00:00.100Z');
    expect(exchangeSlot(sentAt, 1, pacing).toISOString()).toBe('2026-11-23T10:00:00.400Z');
  });

  describe('reservations on the link’s gate', () => {
    let database: TestDatabase;
    const clock = fakeClock();

    beforeAll(async () => {
      database = createTestDatabase();
      await database.db.workspace.create({ data: { id: 'ws_1', slackTeamId: 'T1', name: 'Acme' } });
      await database.db.enterpriseConnectLink.create({ data: { id: 'ecl_1', workspaceId: 'ws_1', state: 'active', domain: 'acme.test' } });
    });
    afterAll(() => database.dispose());

    it('queues reservations one after another, even when made at the same time', async () => {
      const pacing = { callsPerMinute: 600, batchSize: 50 };
      const reservations = await Promise.all([1, 2, 3, 4].map(() => reserveCalls(database.db, clock, 'ecl_1', 10, pacing)));
      const windows = reservations.map((r) => [r.start.getTime(), r.end.getTime()]).sort((a, b) => a[0] - b[0]);
      expect(windows[0][0]).toBe(clock.now().getTime());
      for (let i = 1; i < windows.length; i += 1) expect(windows[i][0]).toBe(windows[i - 1][1]);
      expect(windows.at(-1)?.[1]).toBe(clock.now().getTime() + 4 * 10 * 100);
    });

    it('starts now again once the gate is in the past', async () => {
      clock.advance(60_000);
      const next = await reserveCalls(database.db, clock, 'ecl_1', 1, { callsPerMinute: 600 });
      expect(next.start).toEqual(clock.now());
    });
  });
});
