// Composition root: resolves keys, prepares the database, wires the ports and services, starts Bolt.
import { Server } from 'node:http';
import net from 'node:net';
import os from 'node:os';
import type { App } from '@slack/bolt';
import type { AppContext } from './app-context';
import type { Config } from './config/env';
import { resolveEncryptionKey } from './crypto/encryption-key';
import { deriveKey } from './crypto/derive-key';
import { createTokenCipher } from './crypto/token-cipher';
import { createCalendarCredentials } from './connections/calendar-credentials';
import { createCronofyGateway } from './cronofy/cronofy-gateway';
import { createRosterService } from './employees/roster-service';
import { createEnterpriseService } from './enterprise/enterprise-service';
import type { EnterprisePacing } from './enterprise/pacing';
import { importEmptyWorkspaces, scheduleReconcile, scheduleRosterImport } from './employees/reconcile-job';
import { scheduleRevocation } from './employees/revoke-authorization';
import { scheduleHousekeeping } from './housekeeping/housekeeping-job';
import type { RetryPolicy } from './cronofy/retry';
import { openDatabase, type Database } from './db/client';
import { migrateDatabase } from './db/migrate';
import { AppError } from './errors';
import { buildRoutes } from './http/routes';
import { createJobQueue } from './jobs/job-queue';
import { registerJobs } from './jobs/register-jobs';
import { createLinkService } from './links/link-service';
import { createOnboardingService } from './onboarding/onboarding-service';
import { keepShortLivedObjectsYoung } from './platform/garbage-collector';
import { systemClock, type Clock } from './platform/clock';
import { createDomainEventBus } from './platform/domain-events';
import { createCampaignService } from './reminders/campaign-service';
import { createSchedulingService } from './scheduling/scheduling-service';
import { schedulingPortsOf } from './scheduling/ports';
import { randomIds, type IdGenerator } from './platform/ids';
import { createLogger, type Logger } from './platform/logger';
import type { Sandbox } from './sandbox/start-sandbox';
import { createBoltApp } from './slack/create-bolt-app';
import { createInstallationStore } from './slack/installation-store';
import { registerListeners } from './slack/listeners';
import { registerMiddleware } from './slack/middleware';
import { createReplayGuard } from './slack/replay-guard';
import { createSlackClients } from './slack/slack-clients';
import { createWorkspaceService } from './workspaces/workspace-service';

export interface StartOptions {
  logger?: Logger;
  clock?: Clock;
  ids?: IdGenerator;
  cronofyRetryPolicy?: RetryPolicy;
  /** Skip `prisma migrate deploy` (tests that prepared the database already). */
  skipMigrations?: boolean;
  jobPollIntervalMs?: number;
  /** How long a claimed job is held before another replica may take it over (default 60 s; a crashed replica's jobs wait this long). */
  jobLeaseMs?: number;
  /** Enterprise Connect's share of Cronofy's rate limit and its batch size (defaults in src/enterprise/pacing.ts). */
  enterprisePacing?: Partial<EnterprisePacing>;
  /** Least time between two reminder DMs in one workspace (default none: Slack's rate limits set the pace). */
  reminderPaceMs?: number;
  /** How long a reminder sender's lease lasts after its last heartbeat (default STUCK_AFTER_MS in src/reminders/dispatch.ts). */
  reminderLeaseMs?: number;
}

export interface RunningSlotline {
  url: string;
  publicUrl: string;
  port: number;
  mode: 'sandbox' | 'single-workspace' | 'oauth';
  ctx: AppContext;
  bolt: App;
  database: Database;
  sandbox?: Sandbox;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startSlotline(config: Config, options: StartOptions = {}): Promise<RunningSlotline> {
  keepShortLivedObjectsYoung();
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const port = config.port === 0 ? await freePort() : config.port;
  const publicUrl = config.port === 0 && config.publicUrl.endsWith(':0') ? `http://localhost:${port}` : config.publicUrl;

  const { key, source } = resolveEncryptionKey({ configured: config.encryptionKey, dataDir: config.dataDir });
  if (source === 'generated') logger.warn('generated a new encryption key for tokens at rest', { file: `${config.dataDir}/encryption.key` });
  const cipher = createTokenCipher(deriveKey(key, 'token-encryption'));

  if (!options.skipMigrations) await migrateDatabase(config.databaseUrl);
  const database = openDatabase(config.databaseUrl, {
    backgroundCheckpoints: { onFailure: (error) => logger.error('the SQLite checkpoint worker stopped; commits checkpoint the log again', { error: error instanceof Error ? error.message : String(error) }) },
  });
  // Only a sandbox loads the Slack and Cronofy simulators, so a deployment's heap does not carry them (about 3 MB that
  // every full garbage collection would walk again). A CommonJS require: under `npm start` (tsx's CommonJS hook) a
  // dynamic import() would go to Node's ESM loader, which cannot find a TypeScript file by its extensionless name.
  const sandbox = config.sandbox
    ? await (require('./sandbox/start-sandbox') as typeof import('./sandbox/start-sandbox')).startSandbox({ config, appPort: port, publicUrl, database: database.db, cipher, logger })
    : undefined;
  const slackConfig = sandbox?.slack ?? config.slack;
  const cronofyConfig = sandbox?.cronofy ?? config.cronofy;
  if (!slackConfig || !cronofyConfig) throw new AppError('config_invalid', { message: 'Slack and Cronofy settings are missing' });

  const db = database.db;
  const workspaces = createWorkspaceService({ db, ids, onCreated: (workspace) => scheduleRosterImport(ctx, workspace.id) });
  const installationStore = slackConfig.mode === 'oauth' ? createInstallationStore({ db, cipher, ids, workspaces }) : undefined;
  const cronofy = createCronofyGateway(cronofyConfig, options.cronofyRetryPolicy);
  const events = createDomainEventBus((name, error) => logger.error('domain event handler failed', { event: name, error: error instanceof Error ? error.message : String(error) }));
  const ctx: AppContext = {
    config,
    publicUrl,
    logger,
    clock,
    ids,
    db,
    rawSql: database.rawSql,
    cipher,
    cronofy,
    slack: createSlackClients(slackConfig, installationStore),
    links: createLinkService({ db, clock, ids, signingKey: deriveKey(key, 'link-signing'), publicUrl }),
    workspaces,
    events,
    calendars: createCalendarCredentials({ db, cipher, cronofy, clock, events }),
    roster: createRosterService({ db, clock, ids, logger, onDeactivated: (employeeId) => scheduleRevocation(ctx, employeeId), events }),
    enterprise: createEnterpriseService(() => ctx, { pacing: options.enterprisePacing }),
    jobs: createJobQueue({ db, clock, ids, logger, workerId: `${os.hostname()}:${process.pid}:${ids.id()}`, pollIntervalMs: options.jobPollIntervalMs, leaseMs: options.jobLeaseMs }),
    onboarding: createOnboardingService(() => ctx),
    campaigns: createCampaignService(() => ctx, { paceMs: options.reminderPaceMs, leaseMs: options.reminderLeaseMs }),
    scheduling: createSchedulingService(schedulingPortsOf(() => ctx)),
  };
  registerJobs(ctx);
  const mode = sandbox ? 'sandbox' : slackConfig.mode;
  // SQLite is one process's file; PostgreSQL is shared by replicas (see replay-guard.ts).
  const replays = createReplayGuard({ db, rawSql: database.rawSql, clock, logger, sharing: database.flavour === 'postgres' ? 'database' : 'process' });
  const bolt = createBoltApp({
    slack: slackConfig,
    port,
    publicUrl,
    customRoutes: buildRoutes(ctx, { ping: database.ping, flavour: database.flavour, mode }, sandbox),
    installationStore,
    logLevel: config.logLevel,
    logger,
    replays,
  });

  try {
    await bolt.init();
  } catch (error) {
    await database.close();
    await sandbox?.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('config_invalid', { message: `Slack rejected SLACK_BOT_TOKEN: ${reason}`, userMessage: `SLACK_BOT_TOKEN: Slack refused the token (${reason}). Check the Bot User OAuth Token in your Slack app settings.`, cause: error });
  }
  if (slackConfig.mode === 'single-workspace') {
    const auth = await bolt.client.auth.test();
    if (auth.team_id) await workspaces.ensure({ slackTeamId: auth.team_id, name: auth.team ?? undefined });
  }
  registerMiddleware(bolt, ctx);
  registerListeners(bolt, ctx);
  const listening: unknown = await bolt.start(port);
  await scheduleReconcile(ctx);
  await scheduleHousekeeping(ctx);
  await importEmptyWorkspaces(ctx);
  await ctx.campaigns.resume();
  ctx.jobs.start();
  sandbox?.connectApp(`http://127.0.0.1:${port}/slack/events`);
  logger.info('Slotline started', { port, publicUrl, mode, database: database.flavour });

  return {
    url: `http://127.0.0.1:${port}`,
    publicUrl,
    port,
    mode,
    ctx,
    bolt,
    database,
    sandbox,
    async stop() {
      sandbox?.liveUpdates.endAll();
      await ctx.jobs.stop();
      // Browsers (the /sandbox page, result pages) keep idle and pre-opened connections that close() alone waits
      // minutes for; requests still in flight get a short grace period first.
      const forceClose = listening instanceof Server ? setTimeout(() => listening.closeAllConnections(), 2_000) : undefined;
      await bolt.stop().catch(() => undefined);
      clearTimeout(forceClose);
      await replays.flush();
      await sandbox?.stop();
      await database.close();
    },
  };
}
