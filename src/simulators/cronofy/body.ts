// Reads JSON or form-encoded request bodies and validates them with zod, answering 422 in
// Cronofy's error shape.
import type { z } from 'zod';
import { FieldErrorList } from './errors';
import { HttpFailure, jsonResponse, type SimRequest } from './http';

export function readBody(request: SimRequest): unknown {
  const text = request.rawBody.toString('utf8');
  const contentType = String(request.headers['content-type'] ?? '');
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpFailure(jsonResponse(400, { error: 'invalid_request', error_description: 'Body is not valid JSON' }));
  }
}

export function parseBody<Schema extends z.ZodType>(schema: Schema, request: SimRequest): z.infer<Schema> {
  return parseValue(schema, readBody(request));
}

export function parseValue<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const errors = new FieldErrorList();
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'base');
    const where = issue.path.join('.');
    const missing = issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
    if (missing) {
      errors.add(field, 'required', where ? `${where} is required` : 'required');
    } else {
      errors.add(field, 'invalid', where ? `${where}: ${issue.message}` : issue.message);
    }
  }
  errors.throwIfAny();
  throw new Error('unreachable: a failed parse always has issues');
}
