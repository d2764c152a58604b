// A 50,000-person workspace: the first roster sync (users.list → employees), then `/integrations status` and the
// readiness CSV over everyone: time, and the Slotline process's peak memory while each runs.
import { startAppProcess, type Scratch } from './support/app-host';
import { until } from './support/stats';
import { ADMIN, createWorld, TEAM } from './support/world';

export interface AdminScaleResult {
  members: number;
  rosterSyncMs: number;
  statusMs: number;
  statusPeakBytes: number;
  csvMs: number;
  csvPeakBytes: number;
  csvBytes: number;
}

export async function benchAdminScale(scratch: Scratch, options: { members: number; log(line: string): void }): Promise<AdminScaleResult> {
  const world = await createWorld({ members: options.members });
  const env = world.env(scratch.freshDatabase('admin'), scratch.dir);
  let slotline = await startAppProcess({ kind: 'slotline', env });
  try {
    world.slack.setAppUrl(`${slotline.url}/slack/events`);
    // The first import starts as the process comes up (a workspace without employees is imported at once).
    const readyAt = await slotline.call<number>('ready-at');
    await until('the roster import', async () => (await slotline.call<number>('employee-count')) === options.members + 1, 600_000, 200);
    const rosterSyncMs = Date.now() - readyAt;
    options.log(`admin scale: ${options.members} members imported`);
    await slotline.call('seed-connections');
    // Status and the CSV are measured in a freshly started process (as after a deploy), so its peak memory is
    // theirs and not what the import left in the heap.
    await slotline.stop();
    slotline = await startAppProcess({ kind: 'slotline', env });
    world.slack.setAppUrl(`${slotline.url}/slack/events`);

    const idleBytes = await slotline.call<number>('peak-reset');
    options.log(`admin scale: a fresh Slotline process holds ${Math.round(idleBytes / 1048576)} MB before status and the CSV`);
    let started = Date.now();
    const status = await world.slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'status' });
    await world.slack.waitFor((record) => record.kind === 'responseUrlPost' && record.url === status.responseUrl && record.status === 200, { timeoutMs: 60_000 });
    const statusMs = Date.now() - started;
    const statusPeakBytes = await slotline.call<number>('peak');

    await slotline.call('peak-reset');
    started = Date.now();
    const filesBefore = world.slack.files().length;
    await world.slack.slashCommand({ teamId: TEAM, userId: ADMIN, command: '/integrations', text: 'export' });
    const file = await until('the CSV file', async () => world.slack.files().slice(filesBefore).find((candidate) => candidate.content !== null), 300_000, 100);
    const csvMs = Date.now() - started;
    const csvPeakBytes = await slotline.call<number>('peak');
    return { members: options.members, rosterSyncMs, statusMs, statusPeakBytes, csvMs, csvPeakBytes, csvBytes: file.content?.length ?? 0 };
  } finally {
    await slotline.stop();
    await world.stop();
  }
}
