import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSlotline, type RunningSlotline } from '../../src/app';
import { loadConfig } from '../../src/config/env';
import { silentLogger } from '../../src/platform/logger';
import { DEMO_PEOPLE, DEMO_TEAM } from '../../src/sandbox/demo-company';

describe('sandbox mode (no credentials)', () => {
  let slotline: RunningSlotline;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-sandbox-'));
    slotline = await startSlotline(loadConfig({ PORT: '0', DATA_DIR: dir }), { logger: silentLogger });
  }, 30_000);

  afterAll(async () => {
    await slotline.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates and migrates the SQLite file and keeps a generated encryption key in the data folder', () => {
    expect(slotline.mode).toBe('sandbox');
    expect(fs.existsSync(path.join(dir, 'slotline.db'))).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'encryption.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('wires the app to the built-in simulators with the demo company', async () => {
    const sandbox = slotline.sandbox!;
    const result = await sandbox.slackSimulator.slashCommand({ teamId: DEMO_TEAM.teamId, userId: DEMO_PEOPLE[0].slackId, command: '/integrations', text: 'help' });
    expect(result.status).toBe(200);
    const health = await (await fetch(`${slotline.url}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', mode: 'sandbox' });
    expect(sandbox.describe().join('\n')).toContain(sandbox.cronofySimulator.url);
  });
});
