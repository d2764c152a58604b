import { loadConfig } from '../../src/config/env';
import { AppError } from '../../src/errors';

const slack = { SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: 'xoxb-1' };
const cronofy = { CRONOFY_CLIENT_ID: 'id', CRONOFY_CLIENT_SECRET: 'secret' };

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('config_invalid');
    return (error as AppError).userMessage;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('runs in sandbox mode with defaults when no credentials are set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBe('file:./data/slotline.db');
    expect(config.sandbox).toEqual({ slackPort: 3001, cronofyPort: 3002 });
    expect(config.slack).toBeUndefined();
  });

  it('derives PUBLIC_URL from PORT and strips a trailing slash from an explicit one', () => {
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://slotline.acme.com/' }).publicUrl).toBe('https://slotline.acme.com');
  });

  it('selects single-workspace mode with a bot token and keeps the Slack API URL slash', () => {
    const config = loadConfig({ ...slack, ...cronofy, SLACK_API_URL: 'http://127.0.0.1:9999/api' });
    expect(config.slack).toMatchObject({ mode: 'single-workspace', botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9999/api/' });
    expect(config.sandbox).toBeUndefined();
  });

  it('selects multi-workspace OAuth mode with client id, secret and state secret', () => {
    const config = loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', SLACK_CLIENT_SECRET: 'cs', SLACK_STATE_SECRET: 'st', ...cronofy });
    expect(config.slack).toMatchObject({ mode: 'oauth', clientId: 'c', apiUrl: 'https://slack.com/api/' });
  });

  it('maps each Cronofy data centre to its API and app hosts, with overrides', () => {
    expect(loadConfig({ ...slack, ...cronofy }).cronofy).toMatchObject({ dataCenter: 'us', apiUrl: 'https://api.cronofy.com', siteUrl: 'https://app.cronofy.com' });
    expect(loadConfig({ ...slack, ...cronofy, CRONOFY_DATA_CENTER: 'DE' }).cronofy).toMatchObject({ apiUrl: 'https://api-de.cronofy.com', siteUrl: 'https://app-de.cronofy.com' });
    expect(loadConfig({ ...slack, ...cronofy, CRONOFY_API_URL: 'http://127.0.0.1:1/', CRONOFY_SITE_URL: 'http://127.0.0.1:2' }).cronofy).toMatchObject({ apiUrl: 'http://127.0.0.1:1', siteUrl: 'http://127.0.0.1:2' });
  });

  it('names the variable and what it expects when a value is wrong', () => {
    expect(problemsOf({ PORT: 'eighty' })).toMatch(/PORT: must be a port number/);
    expect(problemsOf({ PORT: '70000' })).toMatch(/PORT/);
    expect(problemsOf({ PUBLIC_URL: 'slotline.acme.com' })).toMatch(/PUBLIC_URL: must be an http\(s\) URL/);
    expect(problemsOf({ CRONOFY_DATA_CENTER: 'mars' })).toMatch(/CRONOFY_DATA_CENTER: must be one of us, uk, de, au, ca, sg/);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toMatch(/DATABASE_URL: must be a SQLite URL .* or a PostgreSQL URL/);
    expect(problemsOf({ ...cronofy, SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxp-user' })).toMatch(/SLACK_BOT_TOKEN: must be a bot token starting with xoxb-/);
    expect(problemsOf({ ...cronofy, ...slack, SLACK_APP_TOKEN: 'nope' })).toMatch(/SLACK_APP_TOKEN: must be an app-level token/);
  });

  it('names every missing credential when a mode is half configured', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', ...cronofy })).toMatch(/SLACK_SIGNING_SECRET: required/);
    const oauth = problemsOf({ SLACK_SIGNING_SECRET: 's', SLACK_CLIENT_ID: 'c', ...cronofy });
    expect(oauth).toMatch(/SLACK_CLIENT_SECRET: required/);
    expect(oauth).toMatch(/SLACK_STATE_SECRET: required/);
    expect(problemsOf({ ...slack, CRONOFY_CLIENT_ID: 'id' })).toMatch(/CRONOFY_CLIENT_SECRET: required/);
    expect(problemsOf({ ...slack })).toMatch(/Cronofy credentials are required/);
    expect(problemsOf({ ...cronofy })).toMatch(/Slack credentials are required/);
    expect(problemsOf({ ...slack, ...cronofy, SLACK_CLIENT_ID: 'c' })).toMatch(/either SLACK_BOT_TOKEN .* not both/);
  });

  it('requires ENCRYPTION_KEY and real credentials in production', () => {
    const message = problemsOf({ NODE_ENV: 'production', ...slack, ...cronofy });
    expect(message).toMatch(/ENCRYPTION_KEY: required in production/);
    expect(problemsOf({ NODE_ENV: 'production', ENCRYPTION_KEY: 'a'.repeat(64) })).toMatch(/sandbox mode is for local use only/);
  });

  it('puts the default SQLite file inside DATA_DIR when one is given', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/slotline' }).databaseUrl).toBe('file:/var/lib/slotline/slotline.db');
  });
});
