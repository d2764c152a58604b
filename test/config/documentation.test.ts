import fs from 'node:fs';
import path from 'node:path';
import { ENV_VARIABLES } from '../../src/config/env';

const root = path.join(__dirname, '..', '..');

describe('configuration documentation', () => {
  const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  it.each(ENV_VARIABLES)('.env.example and the README explain %s', (name) => {
    expect(example).toMatch(new RegExp(`^${name}=`, 'm'));
    expect(readme).toContain(`\`${name}\``);
  });

  it('.env.example lists nothing Slotline does not read', () => {
    const listed = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(listed.filter((name) => !(ENV_VARIABLES as string[]).includes(name))).toEqual([]);
  });
});
