// The app under measurement, in its own process (so its memory and CPU are its own): Slotline started like
// `npm start` (configured by the environment, plus BENCH_START_OPTIONS for options that have no variable), or a
// bare Bolt app giving the same answers with none of Slotline's work behind them (BENCH_APP=bare). The parent talks
// to it over IPC.
import fs from 'node:fs';
import { App, LogLevel } from '@slack/bolt';
import { helpText } from '../../src/admin/help';
import { startSlotline, type RunningSlotline, type StartOptions } from '../../src/app';
import { loadConfig } from '../../src/config/env';
import { handleBenchRequest, type BenchRequest } from './app-ops';

const SAMPLE_EVERY_MS = 10;

/**
 * Linux keeps each process's peak resident memory (VmHWM) and resets it on request (clear_refs 5), which catches
 * peaks inside synchronous stretches that a timer cannot sample. Elsewhere the timer's samples stand in.
 */
const kernelPeak = {
  reset(): boolean {
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5');
      return true;
    } catch {
      return false;
    }
  },
  read(): number | null {
    try {
      const kib = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
      return kib ? Number(kib[1]) * 1024 : null;
    } catch {
      return null;
    }
  },
};

async function startBare(): Promise<void> {
  const app = new App({
    signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
    token: process.env.SLACK_BOT_TOKEN,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    logLevel: LogLevel.ERROR,
    deferInitialization: true,
  });
  // The same answer Slotline gives `/integrations help`, posted to the response_url after the ack, so the Slack
  // simulator in the measuring process does the same work for both apps.
  app.command(/.*/, async ({ ack, respond }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: helpText() });
  });
  app.action(/.*/, async ({ ack }) => ack());
  // The same outcome Slotline gives an incomplete scheduling form: the modal stays open with a field error.
  app.view(/.*/, async ({ ack }) => ack({ response_action: 'errors', errors: { candidate_email: 'Enter the candidate’s email address.' } }));
  await app.init();
  await app.start(Number(process.env.PORT));
}

async function main(): Promise<void> {
  let peak = process.memoryUsage.rss();
  // Sampling is only the fallback: where the kernel keeps the peak, a timer would only add work to the
  // latency being measured.
  if (kernelPeak.read() === null) {
    setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, SAMPLE_EVERY_MS).unref();
  }

  let slotline: RunningSlotline | undefined;
  if (process.env.BENCH_APP === 'bare') await startBare();
  else slotline = await startSlotline(loadConfig(), { ...(JSON.parse(process.env.BENCH_START_OPTIONS ?? '{}') as StartOptions), skipMigrations: true });
  const readyAt = Date.now();

  process.on('message', (message: BenchRequest) => {
    const reply = (body: unknown) => process.send?.({ id: message.id, ...(body as object) });
    if (message.op === 'peak-reset') {
      kernelPeak.reset();
      peak = process.memoryUsage.rss();
      reply({ result: peak });
      return;
    }
    if (message.op === 'peak') {
      reply({ result: Math.max(peak, process.memoryUsage.rss(), kernelPeak.read() ?? 0) });
      return;
    }
    if (message.op === 'exit') {
      // A clean exit (after Slotline's own stop), so profilers and coverage tools get to write their files.
      void (slotline?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
      return;
    }
    if (message.op === 'gc') {
      // A full collection (the bench starts this process with --expose-gc), so a measured run starts from a clean heap.
      if (!global.gc) {
        reply({ error: 'gc needs the process started with --expose-gc' });
        return;
      }
      global.gc();
      reply({ result: true });
      return;
    }
    if (message.op === 'cpu') {
      // User + system CPU time this process has used so far, in ms.
      const { user, system } = process.cpuUsage();
      reply({ result: (user + system) / 1000 });
      return;
    }
    if (message.op === 'ready-at') {
      reply({ result: readyAt });
      return;
    }
    if (!slotline) {
      reply({ error: `${message.op} needs Slotline` });
      return;
    }
    handleBenchRequest(slotline, message).then(
      (result) => reply({ result }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
  // The bench went away (or crashed): nothing is left running.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench app could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
