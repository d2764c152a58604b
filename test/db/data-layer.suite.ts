// Data-layer behaviour that must hold on every supported database; run by test/db (SQLite) and test/postgres.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../../src/db/client';
import { createTokenCipher } from '../../src/crypto/token-cipher';
import { createCalendarCredentials } from '../../src/connections/calendar-credentials';
import type { CronofyGateway } from '../../src/cronofy/cronofy-gateway';
import { createJobQueue } from '../../src/jobs/job-queue';
import { createLinkService } from '../../src/links/link-service';
import { createDomainEventBus } from '../../src/platform/domain-events';
import { randomIds } from '../../src/platform/ids';
import { silentLogger } from '../../src/platform/logger';
import { systemClock } from '../../src/platform/clock';
import { createWorkspaceService } from '../../src/workspaces/workspace-service';
import { isIntegrationAdmin } from '../../src/admin/permissions';
import type { WebClient } from '@slack/web-api';

export function describeDataLayer(flavour: string, open: () => Promise<Database & { dispose(): Promise<void> }>): void {
  describe(`data layer on ${flavour}`, () => {
    let database: Database & { dispose(): Promise<void> };

    beforeEach(async () => {
      database = await open();
    });

    afterEach(() => database.dispose());

    it('has every table the product needs after migrations', async () => {
      const db = database.db;
      const counts = await Promise.all([
        db.workspace.count(), db.slackInstallation.count(), db.employee.count(), db.calendarConnection.count(), db.conferencingConnection.count(),
        db.enterpriseConnectLink.count(), db.serviceAccountAuthorization.count(), db.oAuthState.count(), db.interview.count(), db.interviewHistory.count(),
        db.nudgeCampaign.count(), db.nudge.count(), db.roleGrant.count(), db.auditEvent.count(), db.job.count(), db.processedSlackEvent.count(),
      ]);
      expect(counts.every((n) => n === 0)).toBe(true);
    });

    it('reads rows as arrays through RawSql: committed data, bound text and integers, in SELECT order', async () => {
      const { db, rawSql } = database;
      await db.workspace.create({ data: { id: 'ws_rows', slackTeamId: 'TROWS', name: 'Rows' } });
      await db.employee.createMany({
        data: ['U3', 'U1', 'U2'].map((slackUserId) => ({ id: `emp_${slackUserId}`, workspaceId: 'ws_rows', slackUserId, realName: `Person ${slackUserId}`, optedOutAt: slackUserId === 'U2' ? new Date('2026-01-02T03:04:05Z') : null })),
      });
      const rows = await rawSql.rows('SELECT "slackUserId", "realName", "optedOutAt" FROM "Employee" WHERE "workspaceId" = ? AND "slackUserId" > ? ORDER BY "slackUserId" LIMIT ?', ['ws_rows', 'U1', 5]);
      expect(rows.map(([id, name]) => [id, name])).toEqual([['U2', 'Person U2'], ['U3', 'Person U3']]);
      // Each driver has its own form for an instant; every one of them reads back as the same moment.
      expect(new Date(rows[0][2] as string).toISOString()).toBe('2026-01-02T03:04:05.000Z');
      expect(rows[1][2]).toBeNull();
      expect(await rawSql.rows('SELECT "id" FROM "Employee" WHERE "workspaceId" = ? LIMIT ?', ['ws_rows', 1])).toHaveLength(1);
      // Matched by message (SQLite names the column, Prisma's PostgreSQL adapter the kind): a native driver's errors
      // come from outside Jest's realm, so they are not matched by class.
      await expect(rawSql.rows('SELECT "nope" FROM "Employee"', [])).rejects.toMatchObject({ message: expect.stringMatching(/nope|ColumnNotFound/) });
    });

    it('writes through RawSql in the form Prisma reads back, instants included, and ignores a row already there', async () => {
      const { db, rawSql } = database;
      const receivedAt = new Date('2026-11-21T17:00:00.123Z');
      const insert = (hash: string) => rawSql.execute('INSERT INTO "SlackRequestReceipt" ("signatureHash", "receivedAt") VALUES (?, ?) ON CONFLICT DO NOTHING', [hash, receivedAt]);
      expect(await insert('hash-1')).toBe(1);
      expect(await insert('hash-1')).toBe(0);
      expect(await db.slackRequestReceipt.findMany()).toEqual([{ signatureHash: 'hash-1', receivedAt }]);
      expect(await db.slackRequestReceipt.count({ where: { receivedAt: { lt: new Date('2026-11-21T17:00:00.124Z') } } })).toBe(1);
    });

    it('creates a workspace once when many requests race for a new team', async () => {
      const workspaces = createWorkspaceService({ db: database.db, ids: randomIds });
      const results = await Promise.all(Array.from({ length: 8 }, () => workspaces.ensure({ slackTeamId: 'TRACE', name: 'Race' })));
      expect(new Set(results.map((w) => w.id)).size).toBe(1);
      expect(await database.db.workspace.count()).toBe(1);
    });

    it('tells integration admins apart with its one portable query', async () => {
      const db = database.db;
      await db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
      await db.employee.createMany({
        data: [
          { id: 'e_admin', workspaceId: 'ws1', slackUserId: 'UADMIN', realName: 'Ada', isSlackAdmin: true },
          { id: 'e_left', workspaceId: 'ws1', slackUserId: 'ULEFT', realName: 'Lee', isSlackAdmin: true, deactivatedAt: new Date() },
          { id: 'e_member', workspaceId: 'ws1', slackUserId: 'UMEMBER', realName: 'Mo' },
          { id: 'e_granted', workspaceId: 'ws1', slackUserId: 'UGRANTED', realName: 'Gus' },
        ],
      });
      await db.roleGrant.create({ data: { id: 'g1', workspaceId: 'ws1', slackUserId: 'UGRANTED', role: 'admin', grantedBySlackUserId: 'UADMIN' } });
      const ports = { db, rawSql: database.rawSql, logger: silentLogger, roster: { applyMember: async () => undefined } } as unknown as Parameters<typeof isIntegrationAdmin>[0];
      // Everyone here is known, so Slack is never asked.
      const slack = { users: { info: async () => Promise.reject(new Error('users.info should not be called')) } } as unknown as WebClient;
      const answers = await Promise.all(['UADMIN', 'ULEFT', 'UMEMBER', 'UGRANTED'].map((id) => isIntegrationAdmin(ports, slack, 'ws1', id)));
      expect(answers).toEqual([true, false, false, true]);
    });

    it('redeems a link exactly once under concurrent clicks', async () => {
      await database.db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
      const links = createLinkService({ db: database.db, clock: systemClock, ids: randomIds, signingKey: randomBytes(32), publicUrl: 'https://x.test' });
      const link = await links.issue({ workspaceId: 'ws1', slackUserId: 'U1', purpose: 'calendar_connect', ttlMinutes: 5 });
      const results = await Promise.allSettled(Array.from({ length: 6 }, () => links.redeem(link.token, ['calendar_connect'])));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('runs every job exactly once with two workers claiming concurrently', async () => {
      const ran: number[] = [];
      const workers = ['a', 'b'].map((id) => createJobQueue({ db: database.db, clock: systemClock, ids: randomIds, logger: silentLogger, workerId: id, concurrency: 4 }));
      for (const worker of workers) worker.register({ kind: 'n', schema: z.object({ n: z.number() }), handle: async ({ n }) => void ran.push(n) });
      for (let n = 0; n < 60; n += 1) await workers[0].enqueue('n', { n });
      await Promise.all(workers.map((w) => w.drain()));
      expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, n) => n));
    });

    it('stores Cronofy tokens encrypted, never in plain text', async () => {
      const db = database.db;
      await db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
      await db.employee.create({ data: { id: 'e1', workspaceId: 'ws1', slackUserId: 'U1', realName: 'Ada' } });
      await db.calendarConnection.create({ data: { id: 'c1', employeeId: 'e1', state: 'connected' } });
      const cipher = createTokenCipher(randomBytes(32));
      const credentials = createCalendarCredentials({ db, cipher, cronofy: {} as CronofyGateway, clock: systemClock, events: createDomainEventBus(() => undefined) });
      await credentials.store('e1', { accessToken: 'plain-access-token', refreshToken: 'plain-refresh-token', expiresAt: new Date(Date.now() + 3_600_000) });
      const row = await db.calendarConnection.findUniqueOrThrow({ where: { employeeId: 'e1' } });
      expect(JSON.stringify(row)).not.toMatch(/plain-(access|refresh)-token/);
      await expect(credentials.withAccessToken('e1', async (token) => token)).resolves.toBe('plain-access-token');
    });

    it('refuses a second reminder with the same campaign, person and sequence', async () => {
      const db = database.db;
      await db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
      await db.employee.create({ data: { id: 'e1', workspaceId: 'ws1', slackUserId: 'U1', realName: 'Ada' } });
      await db.nudgeCampaign.create({ data: { id: 'nc1', workspaceId: 'ws1' } });
      const nudge = { campaignId: 'nc1', employeeId: 'e1', sequence: 0, scheduledFor: new Date() };
      await db.nudge.create({ data: { id: 'n1', ...nudge } });
      await expect(db.nudge.create({ data: { id: 'n2', ...nudge } })).rejects.toThrow();
    });

    it('removes a workspace with everything that belongs to it', async () => {
      const db = database.db;
      await db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
      await db.employee.create({ data: { id: 'e1', workspaceId: 'ws1', slackUserId: 'U1', realName: 'Ada', calendar: { create: { id: 'c1' } } } });
      await db.workspace.delete({ where: { id: 'ws1' } });
      expect(await db.calendarConnection.count()).toBe(0);
    });
  });
}
