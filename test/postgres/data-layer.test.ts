import { describeDataLayer } from '../db/data-layer.suite';
import { createPostgresTestDatabase } from '../support/postgres';

describeDataLayer('PostgreSQL', createPostgresTestDatabase);
