// Web API arguments arrive as form fields (objects JSON-encoded, booleans as "true") or as JSON; normalise with zod.
import { z } from 'zod';
import type { SlackObject } from '../records';
import { schemaError } from './errors';

export function readArgs(contentType: string | undefined, rawBody: Buffer, query: URLSearchParams): SlackObject {
  const fromQuery = Object.fromEntries(query);
  const text = rawBody.toString('utf8');
  if (text.trim() === '') return fromQuery;
  if (contentType?.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('JSON body must be an object');
    return { ...fromQuery, ...(parsed as SlackObject) };
  }
  return { ...fromQuery, ...Object.fromEntries(new URLSearchParams(text)) };
}

function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export const jsonEncoded = <T extends z.ZodType>(schema: T) => z.preprocess(parseJsonString, schema);

export const flag = z.preprocess((value) => {
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0 || value === '') return false;
  return value;
}, z.boolean());

export const integer = z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value), z.number().int());

export function parseArgs<T extends z.ZodType>(schema: T, args: SlackObject): z.output<T> {
  const result = schema.safeParse(args);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.message} [json-pointer:/${issue.path.map(String).join('/')}]`);
  throw schemaError('invalid_arguments', problems);
}
