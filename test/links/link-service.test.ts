import { randomBytes } from 'node:crypto';
import { createLinkService, type LinkService } from '../../src/links/link-service';
import { createLinkToken, hashLinkToken, hasValidSignature } from '../../src/links/link-token';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { fakeClock, sequentialIds } from '../support/fakes';

describe('links: signed, single-use, expiring, bound to workspace, person and purpose', () => {
  let database: TestDatabase;
  let links: LinkService;
  const clock = fakeClock();
  const key = randomBytes(32);

  beforeAll(async () => {
    database = createTestDatabase();
    await database.db.workspace.create({ data: { id: 'ws1', slackTeamId: 'T1', name: 'Acme' } });
    links = createLinkService({ db: database.db, clock, ids: sequentialIds(), signingKey: key, publicUrl: 'https://slotline.test' });
  });

  afterAll(() => database.dispose());

  const issue = (ttlMinutes = 30) => links.issue({ workspaceId: 'ws1', slackUserId: 'U1', purpose: 'calendar_connect', provider: 'google', data: { step: 1 }, ttlMinutes });

  it('redeems once and returns what the link was bound to', async () => {
    const link = await issue();
    expect(link.url).toBe(`https://slotline.test/l/${link.token}`);
    await expect(links.redeem(link.token, ['calendar_connect'])).resolves.toEqual({ workspaceId: 'ws1', slackUserId: 'U1', purpose: 'calendar_connect', provider: 'google', data: { step: 1 } });
    await expect(links.redeem(link.token, ['calendar_connect'])).rejects.toMatchObject({ code: 'link_used' });
  });

  it('issues several links in one write, each bound to its own purpose and provider, in the order asked', async () => {
    const issued = await links.issueMany({
      workspaceId: 'ws1',
      slackUserId: 'U2',
      links: [{ purpose: 'calendar_connect', provider: 'google' }, { purpose: 'calendar_connect', provider: 'office365', data: { relink: true } }, { purpose: 'conferencing_connect', provider: 'zoom' }],
      ttlMinutes: 30,
    });
    expect(new Set(issued.map((link) => link.token)).size).toBe(3);
    await expect(links.redeem(issued[2].token, ['conferencing_connect'])).resolves.toMatchObject({ slackUserId: 'U2', provider: 'zoom' });
    await expect(links.redeem(issued[1].token, ['calendar_connect'])).resolves.toMatchObject({ provider: 'office365', data: { relink: true } });
    await expect(links.redeem(issued[0].token, ['conferencing_connect'])).rejects.toMatchObject({ code: 'link_invalid' });
    await expect(links.issueMany({ workspaceId: 'ws1', slackUserId: 'U2', links: [], ttlMinutes: 30 })).resolves.toEqual([]);
  });

  it('refuses an expired link', async () => {
    const link = await issue(1);
    clock.advance(61_000);
    await expect(links.redeem(link.token, ['calendar_connect'])).rejects.toMatchObject({ code: 'link_expired', userMessage: expect.stringMatching(/expired/) });
  });

  it('refuses a tampered or forged token without consulting the database', async () => {
    const link = await issue();
    const tampered = `${link.token.slice(0, -1)}${link.token.endsWith('A') ? 'B' : 'A'}`;
    await expect(links.redeem(tampered, ['calendar_connect'])).rejects.toMatchObject({ code: 'link_invalid' });
    await expect(links.redeem(createLinkToken(randomBytes(32)), ['calendar_connect'])).rejects.toMatchObject({ code: 'link_invalid' });
    await expect(links.redeem('../../etc/passwd', ['calendar_connect'])).rejects.toMatchObject({ code: 'link_invalid' });
    expect(hasValidSignature(key, link.token)).toBe(true);
  });

  it('answers a signed link whose row was pruned long after expiry as expired, not as invalid', async () => {
    const link = await issue();
    await database.db.oAuthState.delete({ where: { tokenHash: hashLinkToken(link.token) } });
    await expect(links.redeem(link.token, ['calendar_connect'])).rejects.toMatchObject({ code: 'link_expired', message: expect.stringMatching(/no longer stored/), userMessage: expect.stringMatching(/has expired/) });
  });

  it('refuses a link used for another purpose and leaves it usable for its own', async () => {
    const link = await issue();
    await expect(links.redeem(link.token, ['enterprise_connect'])).rejects.toMatchObject({ code: 'link_invalid' });
    await expect(links.redeem(link.token, ['calendar_connect'])).resolves.toMatchObject({ slackUserId: 'U1' });
  });

  it('lets exactly one of two concurrent redemptions win', async () => {
    const link = await issue();
    const results = await Promise.allSettled([links.redeem(link.token, ['calendar_connect']), links.redeem(link.token, ['calendar_connect'])]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('never stores the token itself', async () => {
    const link = await issue();
    const rows = await database.db.oAuthState.findMany();
    expect(JSON.stringify(rows)).not.toContain(link.token);
  });
});
