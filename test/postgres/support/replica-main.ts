// One Slotline replica in its own process, for the replica tests: configured by the environment like `npm start`,
// plus SLOTLINE_REPLICA_OPTIONS (JSON start options that have no environment variable, e.g. a faster reminder pace).
import { startSlotline, type StartOptions } from '../../../src/app';
import { loadConfig } from '../../../src/config/env';

async function main(): Promise<void> {
  const options = JSON.parse(process.env.SLOTLINE_REPLICA_OPTIONS ?? '{}') as StartOptions;
  const slotline = await startSlotline(loadConfig(), { ...options, skipMigrations: true });
  process.stdout.write(`replica ready ${slotline.url} ${process.pid}\n`);
  process.once('SIGTERM', () => {
    slotline.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`replica could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
