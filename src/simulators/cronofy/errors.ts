// Cronofy's error responses: 400 for token endpoints, 401/403/404/423 for API calls, 422 with
// `{"errors":{field:[{key,description}]}}` for invalid parameters.
import { emptyResponse, HttpFailure, jsonResponse } from './http';

interface FieldError {
  key: string;
  description: string;
}

type FieldErrors = Record<string, FieldError[]>;

export function invalidToken(description: string): HttpFailure {
  return new HttpFailure(
    emptyResponse(401, {
      'WWW-Authenticate': `Bearer realm="Cronofy", error="invalid_token", error_description="${description}"`,
    }),
  );
}

export function insufficientScope(scope: string): HttpFailure {
  return new HttpFailure(
    emptyResponse(403, { 'WWW-Authenticate': `Bearer realm="Cronofy", error="insufficient_scope", scope="${scope}"` }),
  );
}

export function notFound(): HttpFailure {
  return new HttpFailure(emptyResponse(404));
}

/** Cronofy holds no working credentials for the calendar's profile. */
export function locked(): HttpFailure {
  return new HttpFailure(emptyResponse(423));
}

export function oauthError(error: string, description?: string): HttpFailure {
  return new HttpFailure(
    jsonResponse(400, description ? { error, error_description: description } : { error }, { 'Cache-Control': 'no-store' }),
  );
}

function unprocessable(errors: FieldErrors): HttpFailure {
  return new HttpFailure(jsonResponse(422, { errors }));
}

export function fieldError(field: string, key: string, description: string): HttpFailure {
  return unprocessable({ [field]: [{ key: `errors.${key}`, description }] });
}

/** Collects 422 field errors so one response can report all of them. */
export class FieldErrorList {
  private readonly errors: FieldErrors = {};

  add(field: string, key: string, description: string): void {
    (this.errors[field] ??= []).push({ key: `errors.${key}`, description });
  }

  throwIfAny(): void {
    if (Object.keys(this.errors).length > 0) throw unprocessable(this.errors);
  }
}
