// `npm run bench`: measures Slotline at scale and prints one markdown table (`-- --readme` also writes it into
// README.md's Benchmarks section). Progress goes to stderr, the table to stdout.
import os from 'node:os';
import path from 'node:path';
import { benchAckLatency } from './ack-latency';
import { benchAdminScale } from './admin-scale';
import { benchCampaign } from './campaign';
import { createScratch } from './support/app-host';
import { renderNotes, renderTable, writeReadme, type BenchResults } from './support/report';

/** Sized for a 2-core machine and about eight minutes in all. */
const SETTINGS = {
  ack: { rates: [100, 300], reps: 3, durationMs: 2_000 },
  campaign: { employees: 10_000, scale: 6 },
  admin: { members: 50_000 },
};

async function main(): Promise<void> {
  const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  if (loadBefore[0] > os.cpus().length) log(`warning: load average ${loadBefore[0].toFixed(2)} on ${os.cpus().length} cores; figures will be noisy`);
  const scratch = await createScratch();
  try {
    log('acknowledgement latency…');
    const ack = await benchAckLatency(scratch, { ...SETTINGS.ack, log });
    log('reminder campaign…');
    const campaign = await benchCampaign(scratch, { ...SETTINGS.campaign, log });
    log('roster sync, status and CSV at 50,000…');
    const admin = await benchAdminScale(scratch, { ...SETTINGS.admin, log });
    const results: BenchResults = { startedAt, durationMs: Date.now() - startedAt.getTime(), ack, campaign, admin, loadBefore, loadAfter: os.loadavg() };
    const table = renderTable(results);
    const notes = renderNotes(results);
    process.stdout.write(`${table}\n\n${notes}\n`);
    if (process.argv.includes('--readme')) {
      writeReadme(path.join(__dirname, '..', 'README.md'), table, notes);
      log('README.md updated');
    }
  } finally {
    scratch.dispose();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
