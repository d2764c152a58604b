import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { BOT_SCOPES } from '../../src/slack/create-bolt-app';

const root = path.join(__dirname, '..', '..');
const schemaDir = path.join(root, '..', 'shared', 'reference', 'slack-manifest-schema');
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

function manifestValidator() {
  // Slack's schema uses a non-standard "regex" keyword next to "pattern"; strict mode would reject it.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(readJson(path.join(schemaDir, 'manifest.schema.1.0.0.json')), 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json');
  ajv.addSchema(readJson(path.join(schemaDir, 'manifest.schema.2.0.0.json')), 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json');
  return ajv.compile(readJson(path.join(schemaDir, 'manifest.schema.json')));
}

describe('manifest.json', () => {
  const manifest = readJson(path.join(root, 'manifest.json'));
  const validate = manifestValidator();

  it("validates against Slack's published manifest schema", () => {
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is refused by the schema when it breaks a rule (so the check can fail)', () => {
    expect(validate({ ...manifest, display_information: { ...manifest.display_information, name: 'x'.repeat(36) } })).toBe(false);
    expect(validate({ ...manifest, unknown_key: true })).toBe(false);
  });

  it('declares both slash commands, App Home, interactivity and events on /slack/events', () => {
    const commands = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(commands).toEqual(['/integrations', '/schedule-interview']);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    const urls = [manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url, ...manifest.features.slash_commands.map((c: { url: string }) => c.url)];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
    expect(manifest.oauth_config.redirect_urls.map((u: string) => new URL(u).pathname)).toEqual(['/slack/oauth_redirect']);
  });

  it('asks Slack for exactly the bot scopes the installer requests', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('still validates once the host placeholder is replaced', () => {
    const replaced = JSON.parse(JSON.stringify(manifest).replaceAll('your-slotline-host.example', 'slotline.acme.com'));
    expect(validate(replaced)).toBe(true);
  });
});
