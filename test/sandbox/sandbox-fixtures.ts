// Starts Slotline the way `npm start` does without credentials (sandbox mode, built-in simulators, demo company),
// on free ports and a scratch data folder, plus a Web API client holding the demo workspace's bot token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LogLevel, WebClient } from '@slack/web-api';
import { startSlotline, type RunningSlotline } from '../../src/app';
import { loadConfig } from '../../src/config/env';
import { createLogger, silentLogger } from '../../src/platform/logger';
import type { Sandbox } from '../../src/sandbox/start-sandbox';

export interface SandboxSlotline {
  slotline: RunningSlotline;
  sandbox: Sandbox;
  /** The app as the Slack simulator knows it: what chat.postMessage, views.open… are called with. */
  bot: WebClient;
  url: string;
  stop(): Promise<void>;
}

export async function startSandboxSlotline(): Promise<SandboxSlotline> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slotline-sandbox-'));
  const logLevel = process.env.SLOTLINE_TEST_LOG_LEVEL;
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, ...(logLevel ? { LOG_LEVEL: logLevel } : {}) });
  const slotline = await startSlotline(config, { logger: logLevel ? createLogger(config.logLevel) : silentLogger, jobPollIntervalMs: 50 });
  const sandbox = slotline.sandbox;
  if (!sandbox || sandbox.slack.mode !== 'single-workspace') throw new Error('Slotline did not start in sandbox mode');
  const bot = new WebClient(sandbox.slack.botToken, {
    slackApiUrl: sandbox.slackSimulator.apiUrl,
    retryConfig: { retries: 0 },
    logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {} },
  });
  let stopped = false;
  return {
    slotline,
    sandbox,
    bot,
    url: slotline.url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await slotline.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
