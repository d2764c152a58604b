import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shareFileFromDisk } from '../../src/slack/file-upload';
import { startSeededSimulator, type SeededSimulator } from '../simulators/slack/simulator-fixtures';

describe('shareFileFromDisk', () => {
  let seeded: SeededSimulator;
  let folder: string;

  beforeAll(async () => {
    seeded = await startSeededSimulator();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-upload-test-'));
  });

  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    await seeded.sim.stop();
  });

  it('streams the file to Slack and shares it in the conversation with its title and comment', async () => {
    const file = path.join(folder, 'people.csv');
    const content = `\uFEFFname,email\r\n${'Åsa,asa@acme.test\r\n'.repeat(20_000)}`;
    fs.writeFileSync(file, content, 'utf8');
    const channel = (await seeded.client.conversations.open({ users: seeded.ada })).channel?.id as string;
    await shareFileFromDisk(seeded.client, { path: file, filename: 'people.csv', title: 'People', channelId: channel, initialComment: '20,000 people' });
    const [shared] = seeded.sim.files();
    expect(shared).toMatchObject({ title: 'People', channel, initialComment: '20,000 people', completed: true });
    expect(shared.content?.toString('utf8')).toBe(content);
  });

  it('asks Slack for nothing when the file is missing, and passes on Slack refusing the share', async () => {
    const before = seeded.sim.files().length;
    await expect(shareFileFromDisk(seeded.client, { path: path.join(folder, 'missing.csv'), filename: 'missing.csv', title: 'Missing', channelId: 'D0NONE' })).rejects.toThrow(/ENOENT/);
    expect(seeded.sim.files().length).toBe(before);

    const file = path.join(folder, 'small.csv');
    fs.writeFileSync(file, 'a,b\r\n');
    await expect(shareFileFromDisk(seeded.client, { path: file, filename: 'small.csv', title: 'Small', channelId: 'C0NOWHERE' })).rejects.toThrow(/channel_not_found/);
    expect(seeded.sim.files().filter((shared) => shared.completed)).toHaveLength(before);
  });
});
