import type { WebClient } from '@slack/web-api';
import { adminRefusal, grantRole, isIntegrationAdmin, listIntegrationAdmins, mentionList, revokeRole, whoCanHelp } from '../../src/admin/permissions';
import { recentAudit, recordAudit } from '../../src/admin/audit-log';
import { createRosterService } from '../../src/employees/roster-service';
import { silentLogger } from '../../src/platform/logger';
import { randomIds } from '../../src/platform/ids';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const clock = { now: () => new Date('2025-03-03T10:00:00Z') };

/** users.info as Slack answers it, for the members this test knows. */
function fakeSlack(members: Record<string, Record<string, unknown>>) {
  const calls: string[] = [];
  const client = {
    users: {
      info: async ({ user }: { user: string }) => {
        calls.push(user);
        const member = members[user];
        if (!member) throw Object.assign(new Error('An API error occurred: user_not_found'), { data: { error: 'user_not_found' } });
        return { ok: true, user: { id: user, name: user.toLowerCase(), ...member } };
      },
    },
  } as unknown as WebClient;
  return { client, calls };
}

describe('who is an integration admin', () => {
  let database: TestDatabase;
  let ports: { db: TestDatabase['db']; rawSql: TestDatabase['rawSql']; ids: typeof randomIds; clock: typeof clock; logger: typeof silentLogger; roster: ReturnType<typeof createRosterService> };
  const workspaceId = 'ws_perm';

  beforeAll(async () => {
    database = createTestDatabase();
    ports = { db: database.db, rawSql: database.rawSql, ids: randomIds, clock, logger: silentLogger, roster: createRosterService({ db: database.db, clock, ids: randomIds, logger: silentLogger }) };
    await database.db.workspace.create({ data: { id: workspaceId, slackTeamId: 'T0PERM', name: 'Perm' } });
    await database.db.employee.createMany({
      data: [
        { id: 'emp_owner', workspaceId, slackUserId: 'U0OWNER', realName: 'Olive Owner', isSlackAdmin: true, isSlackOwner: true },
        { id: 'emp_admin', workspaceId, slackUserId: 'U0ADMIN', realName: 'Ada Admin', isSlackAdmin: true },
        { id: 'emp_member', workspaceId, slackUserId: 'U0MEMBER', realName: 'Mo Member' },
        { id: 'emp_left', workspaceId, slackUserId: 'U0LEFT', realName: 'Lee Left', isSlackAdmin: true, deactivatedAt: new Date() },
      ],
    });
  });

  afterAll(() => database.dispose());

  it('counts Slack admins and owners as admins by default, and nobody else', async () => {
    const { client } = fakeSlack({});
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0OWNER')).toBe(true);
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0ADMIN')).toBe(true);
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0MEMBER')).toBe(false);
  });

  it('drops Slack admins who left the workspace', async () => {
    const { client } = fakeSlack({});
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0LEFT')).toBe(false);
  });

  it('recognises a brand-new Slack admin the roster has not synced yet, through users.info', async () => {
    const { client, calls } = fakeSlack({ U0NEWADM: { is_admin: true, real_name: 'Nia New' }, U0GUEST: { is_admin: false, is_restricted: true } });
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0NEWADM')).toBe(true);
    expect(calls).toEqual(['U0NEWADM']);
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0NEWADM')).toBe(true);
    expect(calls).toEqual(['U0NEWADM']);
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0GUEST')).toBe(false);
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0NOBODY')).toBe(false);
  });

  it('makes granted people admins until the grant is revoked, and grants once', async () => {
    const { client } = fakeSlack({});
    expect(await grantRole(ports, { workspaceId, slackUserId: 'U0MEMBER', role: 'admin', grantedBySlackUserId: 'U0OWNER' })).toBe(true);
    expect(await grantRole(ports, { workspaceId, slackUserId: 'U0MEMBER', role: 'admin', grantedBySlackUserId: 'U0ADMIN' })).toBe(false);
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0MEMBER')).toBe(true);
    expect((await listIntegrationAdmins(database.db, workspaceId)).granted).toEqual([{ slackUserId: 'U0MEMBER', grantedBySlackUserId: 'U0OWNER' }]);
    expect(await revokeRole(database.db, workspaceId, 'U0MEMBER', 'admin')).toBe(true);
    expect(await revokeRole(database.db, workspaceId, 'U0MEMBER', 'admin')).toBe(false);
    expect(await isIntegrationAdmin(ports, client, workspaceId, 'U0MEMBER')).toBe(false);
  });

  it('names the admins who can help, owners first', async () => {
    expect(await whoCanHelp(database.db, workspaceId)).toBe('<@U0OWNER>, <@U0ADMIN> or <@U0NEWADM>');
    expect(await adminRefusal(database.db, workspaceId)).toContain('<@U0OWNER>, <@U0ADMIN> or <@U0NEWADM> can help');
    expect(await whoCanHelp(database.db, 'ws_nobody')).toBe('A workspace admin or owner');
  });

  it('shortens long lists of names', () => {
    expect(mentionList(['U1'])).toBe('<@U1>');
    expect(mentionList(['U1', 'U2'])).toBe('<@U1> or <@U2>');
    expect(mentionList(['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7'])).toBe('<@U1>, <@U2>, <@U3>, <@U4>, <@U5> and 2 more');
  });

  it('writes audit rows with the actor, action, target and a JSON detail', async () => {
    await recordAudit(ports, { workspaceId, actorSlackUserId: 'U0OWNER', action: 'admin_added', target: 'U0MEMBER', detail: { via: 'command' } });
    const [latest] = await recentAudit(database.db, workspaceId, 1);
    expect(latest).toMatchObject({ actorSlackUserId: 'U0OWNER', action: 'admin_added', target: 'U0MEMBER', detail: { via: 'command' } });
  });
});
