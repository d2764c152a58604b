// Identifier generation as a port: random ids for rows, readable prefixes for what people may see.
import { randomBytes, randomUUID } from 'node:crypto';

export interface IdGenerator {
  id(prefix?: string): string;
}

export const randomIds: IdGenerator = {
  id: (prefix) => (prefix ? `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}` : randomUUID()),
};
