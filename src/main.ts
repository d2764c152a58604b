// Entry point for `npm start`.
import { startSlotline } from './app';
import { loadConfig } from './config/env';
import { AppError } from './errors';

async function main(): Promise<void> {
  const config = loadConfig();
  const slotline = await startSlotline(config);
  const lines = [`Slotline is running on ${slotline.publicUrl} (${slotline.mode} mode, ${slotline.database.flavour} database).`];
  if (slotline.sandbox) lines.push(...slotline.sandbox.describe());
  else lines.push(`Slack request URL: ${slotline.publicUrl}/slack/events`);
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = (signal: string) => {
    process.stdout.write(`\n${signal} received, stopping Slotline...\n`);
    slotline.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof AppError ? error.userMessage : error instanceof Error ? error.stack ?? error.message : String(error);
  process.stderr.write(`Slotline could not start.\n${message}\n`);
  process.exit(1);
});
