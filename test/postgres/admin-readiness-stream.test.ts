import { describeReadinessStream } from '../admin/readiness-stream.suite';
import { createPostgresTestDatabase } from '../support/postgres';

describeReadinessStream('PostgreSQL', createPostgresTestDatabase);
