import fs from 'node:fs';
import { openDatabase, type Database } from '../../src/db/client';
import { sqliteFilePath } from '../../src/db/database-url';
import { startWalCheckpointer } from '../../src/db/wal-checkpointer';
import { freshDatabaseUrl } from '../support/test-database';
import { until } from '../support/until';

describe('WAL checkpoints in a worker thread', () => {
  let database: Database | undefined;
  let dir = '';

  afterEach(async () => {
    await database?.close();
    database = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const receipts = (rawSql: Database['rawSql'], from: number, count: number) =>
    rawSql.execute(
      `INSERT INTO "SlackRequestReceipt" ("signatureHash", "receivedAt") VALUES ${Array.from({ length: count }, () => '(?, ?)').join(', ')}`,
      Array.from({ length: count }, (_, i) => [`hash-${from + i}`, new Date()]).flat(),
    );

  it('copies the log into the database file while no connection of the app checkpoints', async () => {
    const fresh = freshDatabaseUrl();
    dir = fresh.dir;
    const failures: unknown[] = [];
    database = openDatabase(fresh.url, { backgroundCheckpoints: { onFailure: (error) => failures.push(error) } });
    const file = sqliteFilePath(fresh.url);
    expect(await database.rawSql.rows('PRAGMA wal_autocheckpoint', [])).toEqual([[0]]);
    expect(await database.db.$queryRawUnsafe('PRAGMA wal_autocheckpoint')).toEqual([{ wal_autocheckpoint: 0n }]);
    const sizeBefore = fs.statSync(file).size;
    // Far below the 1,000 pages at which SQLite would checkpoint by itself.
    for (let batch = 0; batch < 10; batch += 1) await receipts(database.rawSql, batch * 50, 50);
    await until('the worker’s checkpoint', async () => fs.statSync(file).size > sizeBefore, 5_000);
    expect(await database.db.slackRequestReceipt.count()).toBe(500);
    expect(failures).toEqual([]);
  });

  it('keeps SQLite’s own checkpoints when it is not asked for', async () => {
    const fresh = freshDatabaseUrl();
    dir = fresh.dir;
    database = openDatabase(fresh.url);
    expect(await database.rawSql.rows('PRAGMA wal_autocheckpoint', [])).toEqual([[1000]]);
  });

  it('reports a worker that cannot run', async () => {
    const failure = await new Promise<unknown>((resolve) => {
      startWalCheckpointer({ file: '/nonexistent/slotline/none.db', pragmas: [], onFailure: resolve });
    });
    expect(String(failure)).toMatch(/directory does not exist|unable to open|exited/i);
  });
});
