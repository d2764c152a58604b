import { createTestDatabase } from '../support/test-database';
import { describeReadinessStream } from './readiness-stream.suite';

describeReadinessStream('SQLite', async () => createTestDatabase());
