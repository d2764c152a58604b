import { canSchedule } from '../../../../src/scheduling/can-schedule';
import { startHarness, type Harness } from '../../../support/harness';
import { syncRoster } from '../../../support/connect';
import { allText, runIntegrations } from './integrations-driver';

describe('/integrations permissions, admins and recruiters', () => {
  let harness: Harness;
  let workspaceId: string;

  const audit = (action: string) => harness.ctx.db.auditEvent.findMany({ where: { workspaceId, action }, orderBy: { at: 'asc' } });

  beforeAll(async () => {
    harness = await startHarness({
      people: [
        { slackId: 'U0OWNER', name: 'olive', isOwner: true },
        { slackId: 'U0ADMIN', name: 'ada', isAdmin: true },
        { slackId: 'U0MEM', name: 'mo' },
        { slackId: 'U0REC', name: 'rita' },
        { slackId: 'U0NEW', name: 'nia' },
        { slackId: 'U0GUEST', name: 'gus', isRestricted: true },
      ],
    });
    harness.slack.addUserGroup(harness.teamId, { id: 'S0HIRE', handle: 'hiring', users: ['U0NEW'] });
    await syncRoster(harness);
    workspaceId = await harness.workspaceId();
  });

  afterAll(() => harness.stop());

  it('refuses a non-admin with a short ephemeral naming who can help, and audits the attempt', async () => {
    const reply = await runIntegrations(harness, 'U0MEM', 'status');
    expect(reply.text).toBe('Only Slotline admins can use `/integrations`. <@U0OWNER> or <@U0ADMIN> can help, or add you with `/integrations admins add @you`.');
    expect(reply.blocks).toBeUndefined();
    const denied = await audit('access_denied');
    expect(denied).toEqual([expect.objectContaining({ actorSlackUserId: 'U0MEM', detail: JSON.stringify({ subcommand: 'status' }) })]);
  });

  it('refuses guests too, even for help', async () => {
    expect((await runIntegrations(harness, 'U0GUEST', 'help')).text).toContain('Only Slotline admins can use');
  });

  it('lets Slack owners and admins in by default', async () => {
    expect((await runIntegrations(harness, 'U0OWNER', 'help')).text).toContain('/integrations status');
    expect((await runIntegrations(harness, 'U0ADMIN', 'admins list')).text).toContain('Slack admins and owners (always admins): <@U0OWNER> or <@U0ADMIN>');
  });

  it('adds and removes admins, refusing guests and Slack admins, and audits each change', async () => {
    const added = await runIntegrations(harness, 'U0ADMIN', 'admins add <@U0MEM|mo> <@U0GUEST|gus> <@U0OWNER|olive>');
    expect(added.text.split('\n')).toEqual([
      '<@U0MEM> is now a Slotline admin.',
      '<@U0GUEST> is not someone Slotline knows: only full members of this workspace (no guests or bots) host interviews. Admins must be full members.',
      '<@U0OWNER> is already an admin as a Slack admin or owner.',
    ]);
    expect((await runIntegrations(harness, 'U0MEM', 'help')).text).toContain('/integrations status');
    expect((await runIntegrations(harness, 'U0ADMIN', 'admins list')).text).toContain('• <@U0MEM> (added by <@U0ADMIN>)');

    expect((await runIntegrations(harness, 'U0MEM', 'admins remove <@U0ADMIN>')).text).toBe('<@U0ADMIN> is a Slack admin or owner, and stays a Slotline admin while Slack says so.');
    expect((await runIntegrations(harness, 'U0ADMIN', 'admins remove <@U0MEM>')).text).toBe('<@U0MEM> is no longer a Slotline admin.');
    expect((await runIntegrations(harness, 'U0MEM', 'help')).text).toContain('Only Slotline admins can use');

    expect((await audit('admin_added')).map((a) => [a.actorSlackUserId, a.target])).toEqual([['U0ADMIN', 'U0MEM']]);
    expect((await audit('admin_removed')).map((a) => [a.actorSlackUserId, a.target])).toEqual([['U0ADMIN', 'U0MEM']]);
  });

  it('asks for a real mention when a name was typed as plain text', async () => {
    expect((await runIntegrations(harness, 'U0ADMIN', 'admins add @mo')).text).toContain('Mention the people to add');
  });

  it('lets every full member schedule by default, but no guest', async () => {
    expect(await canSchedule(harness.ctx, workspaceId, 'U0MEM')).toEqual({ allowed: true });
    const guest = await canSchedule(harness.ctx, workspaceId, 'U0GUEST');
    expect(guest).toMatchObject({ allowed: false });
    if (!guest.allowed) expect(guest.message).toContain('<@U0OWNER> or <@U0ADMIN> can help');
  });

  it('restricts scheduling to named recruiters, the recruiters group and admins', async () => {
    const added = await runIntegrations(harness, 'U0ADMIN', 'recruiters add <@U0REC|rita>');
    expect(added.text).toBe('<@U0REC> can schedule interviews.\nFrom now on only recruiters (and Slotline admins) can schedule interviews.');
    expect(await canSchedule(harness.ctx, workspaceId, 'U0REC')).toEqual({ allowed: true });
    expect(await canSchedule(harness.ctx, workspaceId, 'U0ADMIN')).toEqual({ allowed: true });
    const refused = await canSchedule(harness.ctx, workspaceId, 'U0NEW');
    expect(refused).toEqual({ allowed: false, message: 'Scheduling interviews is limited to recruiters in this workspace. <@U0OWNER> or <@U0ADMIN> can add you (`/integrations recruiters add @you`).' });

    expect((await runIntegrations(harness, 'U0ADMIN', 'recruiters group <!subteam^S0HIRE|@hiring>')).text).toBe('Members of <!subteam^S0HIRE> can now schedule interviews.');
    expect(await canSchedule(harness.ctx, workspaceId, 'U0NEW')).toEqual({ allowed: true });
    expect(await canSchedule(harness.ctx, workspaceId, 'U0MEM')).toMatchObject({ allowed: false });

    const list = await runIntegrations(harness, 'U0ADMIN', 'recruiters list');
    expect(list.text).toContain('Only recruiters and Slotline admins can schedule interviews.\nNamed recruiters: <@U0REC>\nRecruiters group: <!subteam^S0HIRE>');
  });

  it('refuses a user group Slack does not know', async () => {
    const reply = await runIntegrations(harness, 'U0ADMIN', 'recruiters group <!subteam^S0NOPE|@nope>');
    expect(reply.text).toContain("I couldn't read the members of <!subteam^S0NOPE>");
    expect((await harness.ctx.workspaces.get(workspaceId)).recruiterUserGroupId).toBe('S0HIRE');
  });

  it('opens scheduling to everyone again and audits each recruiters change', async () => {
    expect((await runIntegrations(harness, 'U0ADMIN', 'recruiters everyone')).text).toContain('Every full member can now schedule interviews.');
    expect(await canSchedule(harness.ctx, workspaceId, 'U0MEM')).toEqual({ allowed: true });
    expect((await runIntegrations(harness, 'U0ADMIN', 'recruiters remove <@U0REC>')).text).toBe('<@U0REC> is no longer a named recruiter.');
    expect((await runIntegrations(harness, 'U0ADMIN', 'recruiters group none')).text).toContain('The recruiters group is cleared');
    const actions = (await harness.ctx.db.auditEvent.findMany({ where: { workspaceId, action: { startsWith: 'recruiter' } }, orderBy: { at: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['recruiter_added', 'recruiters_restricted', 'recruiters_group_set', 'recruiters_unrestricted', 'recruiter_removed', 'recruiters_group_cleared']);
  });

  it('answers an unknown subcommand with the list of commands', async () => {
    const reply = await runIntegrations(harness, 'U0ADMIN', 'frobnicate');
    expect(reply.text).toContain("I don't know `/integrations frobnicate`");
    expect(allText(reply)).toContain('/integrations nudge');
  });
});
