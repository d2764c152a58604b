import type { WebClient } from '@slack/web-api';
import { canSchedule } from '../../src/scheduling/can-schedule';
import { silentLogger } from '../../src/platform/logger';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('who may schedule interviews', () => {
  let database: TestDatabase;
  const groupMembers: string[] = ['U0GROUP'];
  let groupCalls = 0;
  let groupFails = false;
  const slack = {
    async forTeam() {
      return {
        usergroups: {
          users: {
            list: async ({ usergroup }: { usergroup: string }) => {
              groupCalls += 1;
              if (groupFails) throw new Error('no_such_subteam');
              return { ok: true, users: usergroup === 'S0RECRUIT' ? groupMembers : [] };
            },
          },
        },
      } as unknown as WebClient;
    },
  };
  const ctx = () => ({ db: database.db, slack, logger: silentLogger });

  beforeAll(async () => {
    database = createTestDatabase();
    await database.db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
    const person = (id: string, slackUserId: string, extra: object = {}) =>
      database.db.employee.create({ data: { id, workspaceId: 'ws1', slackUserId, realName: slackUserId, ...extra } });
    await person('e1', 'U0MEMBER');
    await person('e2', 'U0ADMIN', { isSlackAdmin: true });
    await person('e3', 'U0GRANTED');
    await person('e4', 'U0GROUP');
    await person('e5', 'U0LEFT', { deactivatedAt: new Date() });
    await database.db.roleGrant.create({ data: { id: 'g1', workspaceId: 'ws1', slackUserId: 'U0GRANTED', role: 'recruiter', grantedBySlackUserId: 'U0ADMIN' } });
  });

  afterAll(() => database.dispose());

  it('lets every active full member schedule while the workspace is unrestricted', async () => {
    expect(await canSchedule(ctx(), 'ws1', 'U0MEMBER')).toEqual({ allowed: true });
  });

  it('refuses guests, bots and people who left with a short message', async () => {
    for (const who of ['U0GUEST', 'U0LEFT']) {
      expect(await canSchedule(ctx(), 'ws1', who)).toEqual({ allowed: false, message: expect.stringContaining('full members') });
    }
  });

  it('once restricted, allows admins, granted recruiters and the recruiter group, and nobody else', async () => {
    await database.db.workspace.update({ where: { id: 'ws1' }, data: { recruitersRestricted: true, recruiterUserGroupId: 'S0RECRUIT' } });
    expect(await canSchedule(ctx(), 'ws1', 'U0ADMIN')).toEqual({ allowed: true });
    expect(await canSchedule(ctx(), 'ws1', 'U0GRANTED')).toEqual({ allowed: true });
    expect(await canSchedule(ctx(), 'ws1', 'U0GROUP')).toEqual({ allowed: true });
    expect(await canSchedule(ctx(), 'ws1', 'U0MEMBER')).toEqual({ allowed: false, message: expect.stringContaining('limited to recruiters') });
  });

  it('grants nobody through a group Slack cannot read', async () => {
    groupFails = true;
    const before = groupCalls;
    expect(await canSchedule(ctx(), 'ws1', 'U0GROUP')).toEqual({ allowed: false, message: expect.stringContaining('limited to recruiters') });
    expect(groupCalls).toBe(before + 1);
    groupFails = false;
  });
});
