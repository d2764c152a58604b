// The sandbox page's modules are plain JavaScript for the browser; their JSDoc types are checked here, so `npm test`
// catches a type error in them as it does in the TypeScript sources.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

it('type-checks src/sandbox/web with tsc (checkJs, strict)', () => {
  const tsc = require.resolve('typescript/bin/tsc');
  let output = '';
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'src', 'sandbox', 'web', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe('');
}, 30_000);
