import { randomIds } from '../../src/platform/ids';
import { CACHE, createWorkspaceService } from '../../src/workspaces/workspace-service';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('workspace service', () => {
  let database: TestDatabase;
  let elapsed = 0;
  const service = () => createWorkspaceService({ db: database.db, ids: randomIds, monotonicMs: () => elapsed });
  /** What another replica does: writes the row behind this process's back. */
  const renameElsewhere = (name: string) => database.db.workspace.update({ where: { slackTeamId: 'T1' }, data: { name } });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  beforeEach(() => {
    database = createTestDatabase();
    elapsed = 0;
  });
  afterEach(() => database.dispose());

  it('creates a workspace on first contact, once, and tells the caller', async () => {
    const created: string[] = [];
    const workspaces = createWorkspaceService({ db: database.db, ids: randomIds, onCreated: async (w) => void created.push(w.slackTeamId) });
    const [a, b] = await Promise.all([workspaces.ensure({ slackTeamId: 'T1', name: 'Acme' }), workspaces.ensure({ slackTeamId: 'T1' })]);
    expect(a.id).toBe(b.id);
    expect(await database.db.workspace.count()).toBe(1);
    expect(created.length).toBeGreaterThanOrEqual(1);
  });

  it('answers a request from memory while the row is fresh', async () => {
    const workspaces = service();
    await workspaces.ensure({ slackTeamId: 'T1', name: 'Acme' });
    await renameElsewhere('Renamed');
    elapsed = CACHE.freshForMs - 1;
    expect((await workspaces.forRequest('T1')).name).toBe('Acme');
  });

  it('answers from memory once stale but re-reads in the background, so the next request sees the change', async () => {
    const workspaces = service();
    await workspaces.ensure({ slackTeamId: 'T1', name: 'Acme' });
    await renameElsewhere('Renamed');
    elapsed = CACHE.freshForMs + 1;
    expect((await workspaces.forRequest('T1')).name).toBe('Acme');
    await settle();
    expect((await workspaces.forRequest('T1')).name).toBe('Renamed');
  });

  it('reads the row first when it is older than the stale window', async () => {
    const workspaces = service();
    await workspaces.ensure({ slackTeamId: 'T1', name: 'Acme' });
    await renameElsewhere('Renamed');
    elapsed = CACHE.staleForMs + 1;
    expect((await workspaces.forRequest('T1')).name).toBe('Renamed');
  });

  it('shows settings saved through the service at once', async () => {
    const workspaces = service();
    const workspace = await workspaces.ensure({ slackTeamId: 'T1', name: 'Acme' });
    await workspaces.forRequest('T1');
    await workspaces.update(workspace.id, { workingHoursStart: '08:00' });
    expect((await workspaces.forRequest('T1')).workingHoursStart).toBe('08:00');
  });

  it('creates the workspace when a request is its first contact', async () => {
    const workspace = await service().forRequest('T9');
    expect(workspace.slackTeamId).toBe('T9');
    expect(await database.db.workspace.count()).toBe(1);
  });
});
