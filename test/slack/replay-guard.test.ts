import type { Db } from '../../src/db/client';
import { createReplayGuard, RECEIPT_TTL_MS, WRITE_BEHIND_MS, type ReceiptSharing } from '../../src/slack/replay-guard';
import { silentLogger } from '../../src/platform/logger';
import { fakeClock } from '../support/fakes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const settle = () => new Promise((resolve) => setTimeout(resolve, WRITE_BEHIND_MS * 3));

describe('replay guard', () => {
  let database: TestDatabase;
  const clock = fakeClock();
  const guardOn = (sharing: ReceiptSharing, db: Db = database.db) => createReplayGuard({ db, rawSql: database.rawSql, clock, logger: silentLogger, sharing });

  beforeEach(() => {
    database = createTestDatabase();
  });
  afterEach(() => database.dispose());

  describe.each<ReceiptSharing>(['database', 'process'])('shared through the %s', (sharing) => {
    it('accepts a signature once, refuses it after, and stores only its hash', async () => {
      const guard = guardOn(sharing);
      expect(await guard.firstReceipt('v0=abc')).toBe(true);
      expect(await guard.firstReceipt('v0=abc')).toBe(false);
      expect(await guard.firstReceipt('v0=abd')).toBe(true);
      await guard.flush();
      const rows = await database.db.slackRequestReceipt.findMany();
      expect(rows).toHaveLength(2);
      expect(rows.map((row) => row.signatureHash).join()).not.toContain('v0=');
    });

    it('refuses a copy sent after the process restarted', async () => {
      const before = guardOn(sharing);
      expect(await before.firstReceipt('v0=kept')).toBe(true);
      await before.flush();
      const after = guardOn(sharing);
      expect(await after.firstReceipt('v0=kept')).toBe(false);
      expect(await after.firstReceipt('v0=fresh')).toBe(true);
    });

    it('prunes receipts older than the signature window, at most once a minute', async () => {
      const guard = guardOn(sharing);
      await guard.firstReceipt('v0=old');
      await guard.flush();
      clock.advance(RECEIPT_TTL_MS + 1);
      await guard.firstReceipt('v0=new');
      await guard.flush();
      // The prune runs in the background of that call; give it its turn.
      for (let i = 0; i < 50 && (await database.db.slackRequestReceipt.count()) > 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      expect((await database.db.slackRequestReceipt.findMany()).length).toBe(1);
      expect(await guard.firstReceipt('v0=new')).toBe(false);
    });
  });

  it('with database sharing, refuses a replay another replica saw', async () => {
    const first = guardOn('database');
    const second = guardOn('database');
    expect(await first.firstReceipt('v0=shared')).toBe(true);
    expect(await second.firstReceipt('v0=shared')).toBe(false);
  });

  it('with process sharing, writes receipts in the background without the request waiting', async () => {
    const guard = guardOn('process');
    await guard.firstReceipt('v0=warm');
    await guard.flush();
    expect(await guard.firstReceipt('v0=a')).toBe(true);
    expect(await guard.firstReceipt('v0=b')).toBe(true);
    expect(await database.db.slackRequestReceipt.count()).toBe(1);
    await settle();
    expect(await database.db.slackRequestReceipt.count()).toBe(3);
  });

  it('with database sharing, reports a database failure instead of calling it a replay', async () => {
    const failing = {
      slackRequestReceipt: {
        create: () => Promise.reject(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })),
        deleteMany: () => Promise.resolve({ count: 0 }),
      },
    } as unknown as Db;
    await expect(guardOn('database', failing).firstReceipt('v0=any')).rejects.toThrow('disk I/O error');
  });

  it('with process sharing, refuses to answer until it could read earlier receipts', async () => {
    let reads = 0;
    const flaky = {
      slackRequestReceipt: {
        findMany: () => (reads++ === 0 ? Promise.reject(new Error('database is locked')) : Promise.resolve([])),
        deleteMany: () => Promise.resolve({ count: 0 }),
      },
    } as unknown as Db;
    const guard = guardOn('process', flaky);
    await expect(guard.firstReceipt('v0=any')).rejects.toThrow('database is locked');
    expect(await guard.firstReceipt('v0=any')).toBe(true);
  });
});
