// Readiness streaming (plain SQL) that must agree with the Prisma loader on every supported database; run by test/admin (SQLite) and test/postgres.
import { streamWorkspaceReadiness } from '../../src/admin/readiness-stream';
import { iterateWorkspaceReadiness, type EmployeeReadiness } from '../../src/readiness/load-readiness';
import { NOT_CONNECTED_CALENDAR } from '../../src/readiness/readiness';
import type { Workspace } from '../../src/workspaces/workspace-service';
import type { Database } from '../../src/db/client';
import { seedPeople } from './seed-people';

/** The facts readiness is made of (iterateWorkspaceReadiness also carries every stored column along). */
function normalise(people: EmployeeReadiness[]) {
  return people
    .map(({ readiness: { calendar, ...rest }, ...person }) => ({
      ...person,
      readiness: { ...rest, calendar: Object.fromEntries(Object.keys(NOT_CONNECTED_CALENDAR).map((key) => [key, calendar[key as keyof typeof calendar]])) },
    }))
    .sort((a, b) => a.employeeId.localeCompare(b.employeeId));
}

async function collect(pages: AsyncGenerator<EmployeeReadiness[]>): Promise<EmployeeReadiness[]> {
  const all: EmployeeReadiness[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

export function describeReadinessStream(flavour: string, open: () => Promise<Database & { dispose(): Promise<void> }>): void {
  describe(`streaming a workspace’s readiness on ${flavour}`, () => {
    let database: Database & { dispose(): Promise<void> };
    let acme: Workspace;

    beforeAll(async () => {
      database = await open();
      const { db } = database;
      acme = await db.workspace.create({ data: { id: 'ws_acme', slackTeamId: 'T0ACME', name: 'Acme' } });
      await db.workspace.create({ data: { id: 'ws_other', slackTeamId: 'T0OTHER', name: 'Other' } });
      await seedPeople(db, { workspaceId: acme.id, count: 230, slackPrefix: 'UA' });
      // Another company's rows interleave with Acme's ids and must never leak in.
      await seedPeople(db, { workspaceId: 'ws_other', count: 170, slackPrefix: 'UO' });
      const leaver = await db.employee.findFirstOrThrow({ where: { workspaceId: acme.id, slackUserId: 'UA00000' } });
      await db.employee.update({ where: { id: leaver.id }, data: { deactivatedAt: new Date() } });
    });

    afterAll(() => database.dispose());

    it.each([2, 7, 64, 5000])('evaluates exactly what iterateWorkspaceReadiness does, with pages of %i', async (pageSize) => {
      const expected = await collect(
        (async function* () {
          const all: EmployeeReadiness[] = [];
          for await (const person of iterateWorkspaceReadiness(database.db, acme)) all.push(person);
          yield all;
        })(),
      );
      const streamed = await collect(streamWorkspaceReadiness(database.rawSql, acme, { pageSize }));
      expect(streamed).toHaveLength(229);
      expect(normalise(streamed)).toEqual(normalise(expected));
    });

    it('leaves out people who left and other companies’ people', async () => {
      const ids = (await collect(streamWorkspaceReadiness(database.rawSql, acme, { pageSize: 50 }))).map((p) => p.slackUserId);
      expect(ids).not.toContain('UA00000');
      expect(ids.every((id) => id.startsWith('UA'))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('evaluates against other providers when asked', async () => {
      const [page] = await collect(streamWorkspaceReadiness(database.rawSql, acme, { providers: ['go_to'] })).then((all) => [all]);
      const appleUser = page.find((p) => p.slackUserId === 'UA00009');
      expect(appleUser?.readiness.conferencing.map((c) => c.provider)).toEqual(['go_to']);
      expect(appleUser?.readiness.ready).toBe(true);
    });
  });
}
