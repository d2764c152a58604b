// Where tests keep their scratch files.
import path from 'node:path';

export const TEST_OUTPUT = path.join(__dirname, '..', '..', 'test-output');
export const TEMPLATE_DB = path.join(TEST_OUTPUT, 'template.db');
