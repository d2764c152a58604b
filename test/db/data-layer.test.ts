import { createTestDatabase } from '../support/test-database';
import { describeDataLayer } from './data-layer.suite';

describeDataLayer('SQLite', async () => createTestDatabase());
