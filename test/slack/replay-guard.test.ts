import type { Db } from '../../src/db/client';
import { createReplayGuard, RECEIPT_TTL_MS } from '../../src/slack/replay-guard';
import { silentLogger } from '../../src/platform/logger';
import { fakeClock } from '../support/fakes';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('replay guard', () => {
  let database: TestDatabase;
  const clock = fakeClock();

  beforeEach(() => {
    database = createTestDatabase();
  });
  afterEach(() => database.dispose());

  it('accepts a signature once, refuses it after, and stores only its hash', async () => {
    const guard = createReplayGuard({ db: database.db, clock, logger: silentLogger });
    expect(await guard.firstReceipt('v0=abc')).toBe(true);
    expect(await guard.firstReceipt('v0=abc')).toBe(false);
    expect(await guard.firstReceipt('v0=abd')).toBe(true);
    const rows = await database.db.slackRequestReceipt.findMany();
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.signatureHash).join()).not.toContain('v0=');
  });

  it('refuses a replay seen by another replica on the same database', async () => {
    const first = createReplayGuard({ db: database.db, clock, logger: silentLogger });
    const second = createReplayGuard({ db: database.db, clock, logger: silentLogger });
    expect(await first.firstReceipt('v0=shared')).toBe(true);
    expect(await second.firstReceipt('v0=shared')).toBe(false);
  });

  it('prunes receipts older than the signature window, at most once a minute', async () => {
    const guard = createReplayGuard({ db: database.db, clock, logger: silentLogger });
    await guard.firstReceipt('v0=old');
    clock.advance(RECEIPT_TTL_MS + 1);
    await guard.firstReceipt('v0=new');
    // The prune runs in the background of that call; give it its turn.
    for (let i = 0; i < 50 && (await database.db.slackRequestReceipt.count()) > 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await database.db.slackRequestReceipt.findMany()).length).toBe(1);
    expect(await guard.firstReceipt('v0=new')).toBe(false);
  });

  it('reports a database failure instead of calling it a replay', async () => {
    const failing = {
      slackRequestReceipt: {
        create: () => Promise.reject(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' })),
        deleteMany: () => Promise.resolve({ count: 0 }),
      },
    } as unknown as Db;
    const guard = createReplayGuard({ db: failing, clock, logger: silentLogger });
    await expect(guard.firstReceipt('v0=any')).rejects.toThrow('disk I/O error');
  });
});
