// Parses and validates every setting once; a bad value stops the start naming the variable.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../db/database-url';
import { AppError } from '../errors';

export const CRONOFY_DATA_CENTERS = ['us', 'uk', 'de', 'au', 'ca', 'sg'] as const;
export type CronofyDataCenter = (typeof CRONOFY_DATA_CENTERS)[number];

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .url(`must be an http(s) URL (${what})`)
    .refine((value) => /^https?:\/\//i.test(value), `must start with http:// or https:// (${what})`);

const rawEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  PUBLIC_URL: httpUrl('the public base URL of Slotline, e.g. https://slotline.example.com').optional(),
  DATABASE_URL: optionalText.refine(
    (v) => v === undefined || /^(file:|postgres(ql)?:\/\/)/i.test(v),
    'must be a SQLite URL (file:./data/slotline.db) or a PostgreSQL URL (postgresql://user@host:5432/db)',
  ),
  DATA_DIR: optionalText,
  ENCRYPTION_KEY: optionalText,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_API_URL: httpUrl('the Slack Web API base').optional(),
  CRONOFY_CLIENT_ID: optionalText,
  CRONOFY_CLIENT_SECRET: optionalText,
  CRONOFY_DATA_CENTER: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum(CRONOFY_DATA_CENTERS, { message: `must be one of ${CRONOFY_DATA_CENTERS.join(', ')}` }))
    .default('us'),
  CRONOFY_API_URL: httpUrl('the Cronofy API host').optional(),
  CRONOFY_SITE_URL: httpUrl('the Cronofy browser (app) host').optional(),
  SANDBOX_SLACK_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).optional(),
  SANDBOX_CRONOFY_PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).optional(),
});

/** Every environment variable Slotline reads (documented in .env.example and the README). */
export const ENV_VARIABLES = Object.keys(rawEnvSchema.shape) as Array<keyof typeof rawEnvSchema.shape>;

export type SlackConfig =
  | { mode: 'single-workspace'; signingSecret: string; botToken: string; appToken?: string; apiUrl: string }
  | { mode: 'oauth'; signingSecret: string; clientId: string; clientSecret: string; stateSecret: string; appToken?: string; apiUrl: string };

export interface CronofyConfig {
  clientId: string;
  clientSecret: string;
  dataCenter: CronofyDataCenter;
  apiUrl: string;
  siteUrl: string;
}

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  publicUrl: string;
  databaseUrl: string;
  dataDir: string;
  encryptionKey?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Sandbox mode: no Slack or Cronofy credentials, so the app runs against the built-in simulators. */
  sandbox?: { slackPort: number; cronofyPort: number };
  slack?: SlackConfig;
  cronofy?: CronofyConfig;
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export function cronofyHosts(dataCenter: CronofyDataCenter): { apiUrl: string; siteUrl: string } {
  const suffix = dataCenter === 'us' ? '' : `-${dataCenter}`;
  return { apiUrl: `https://api${suffix}.cronofy.com`, siteUrl: `https://app${suffix}.cronofy.com` };
}

const SLACK_VARIABLES = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_APP_TOKEN'] as const;
const CRONOFY_VARIABLES = ['CRONOFY_CLIENT_ID', 'CRONOFY_CLIENT_SECRET'] as const;

function configError(problems: string[]): AppError {
  const text = `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every setting.`;
  return new AppError('config_invalid', { message: text, userMessage: text });
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

type RawEnv = z.infer<typeof rawEnvSchema>;

function slackConfig(env: RawEnv, problems: string[]): SlackConfig | undefined {
  const apiUrl = withTrailingSlash(env.SLACK_API_URL ?? DEFAULT_SLACK_API_URL);
  if (!SLACK_VARIABLES.some((name) => env[name] !== undefined)) return undefined;
  if (!env.SLACK_SIGNING_SECRET) problems.push('SLACK_SIGNING_SECRET: required to verify requests from Slack (App settings → Basic Information → Signing Secret)');
  const oauthParts = { SLACK_CLIENT_ID: env.SLACK_CLIENT_ID, SLACK_CLIENT_SECRET: env.SLACK_CLIENT_SECRET, SLACK_STATE_SECRET: env.SLACK_STATE_SECRET };
  const someOauth = Object.values(oauthParts).some(Boolean);
  if (env.SLACK_BOT_TOKEN && someOauth) {
    problems.push('SLACK_BOT_TOKEN: set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET (Add to Slack), not both');
    return undefined;
  }
  if (env.SLACK_BOT_TOKEN) {
    return env.SLACK_SIGNING_SECRET ? { mode: 'single-workspace', signingSecret: env.SLACK_SIGNING_SECRET, botToken: env.SLACK_BOT_TOKEN, appToken: env.SLACK_APP_TOKEN, apiUrl } : undefined;
  }
  if (!someOauth) {
    problems.push('SLACK_BOT_TOKEN: required (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for multi-workspace installs)');
    return undefined;
  }
  for (const [name, value] of Object.entries(oauthParts)) {
    if (!value) problems.push(`${name}: required for multi-workspace installs ("Add to Slack")`);
  }
  if (!env.SLACK_SIGNING_SECRET || !env.SLACK_CLIENT_ID || !env.SLACK_CLIENT_SECRET || !env.SLACK_STATE_SECRET) return undefined;
  return { mode: 'oauth', signingSecret: env.SLACK_SIGNING_SECRET, clientId: env.SLACK_CLIENT_ID, clientSecret: env.SLACK_CLIENT_SECRET, stateSecret: env.SLACK_STATE_SECRET, appToken: env.SLACK_APP_TOKEN, apiUrl };
}

function cronofyConfig(env: RawEnv, problems: string[]): CronofyConfig | undefined {
  if (!CRONOFY_VARIABLES.some((name) => env[name] !== undefined)) return undefined;
  for (const name of CRONOFY_VARIABLES) {
    if (!env[name]) problems.push(`${name}: required to talk to Cronofy (Cronofy developer dashboard → your app)`);
  }
  if (!env.CRONOFY_CLIENT_ID || !env.CRONOFY_CLIENT_SECRET) return undefined;
  const hosts = cronofyHosts(env.CRONOFY_DATA_CENTER);
  return {
    clientId: env.CRONOFY_CLIENT_ID,
    clientSecret: env.CRONOFY_CLIENT_SECRET,
    dataCenter: env.CRONOFY_DATA_CENTER,
    apiUrl: withoutTrailingSlash(env.CRONOFY_API_URL ?? hosts.apiUrl),
    siteUrl: withoutTrailingSlash(env.CRONOFY_SITE_URL ?? hosts.siteUrl),
  };
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = rawEnvSchema.safeParse(source);
  if (!parsed.success) {
    throw configError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`));
  }
  const env = parsed.data;
  const problems: string[] = [];
  const slack = slackConfig(env, problems);
  const cronofy = cronofyConfig(env, problems);
  const anyCredentials = SLACK_VARIABLES.some((n) => env[n] !== undefined) || CRONOFY_VARIABLES.some((n) => env[n] !== undefined);
  if (anyCredentials && !slack && problems.length === 0) problems.push('SLACK_SIGNING_SECRET: Slack credentials are required once Cronofy credentials are set (or set neither to run the sandbox)');
  if (anyCredentials && !cronofy && problems.length === 0) problems.push('CRONOFY_CLIENT_ID: Cronofy credentials are required once Slack credentials are set (or set neither to run the sandbox)');
  if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY: required in production (32 random bytes as 64 hex characters or base64; e.g. `openssl rand -hex 32`)');
  if (env.NODE_ENV === 'production' && !anyCredentials) problems.push('SLACK_SIGNING_SECRET: production needs Slack and Cronofy credentials (sandbox mode is for local use only)');
  if (problems.length > 0) throw configError(problems);

  const sandbox = anyCredentials
    ? undefined
    : { slackPort: env.SANDBOX_SLACK_PORT ?? (env.PORT === 0 ? 0 : env.PORT + 1), cronofyPort: env.SANDBOX_CRONOFY_PORT ?? (env.PORT === 0 ? 0 : env.PORT + 2) };

  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    publicUrl: withoutTrailingSlash(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`),
    databaseUrl: env.DATABASE_URL ?? (env.DATA_DIR ? `file:${path.join(env.DATA_DIR, 'slotline.db')}` : DEFAULT_DATABASE_URL),
    dataDir: env.DATA_DIR ?? 'data',
    encryptionKey: env.ENCRYPTION_KEY,
    logLevel: env.LOG_LEVEL,
    sandbox,
    slack,
    cronofy,
  };
}
