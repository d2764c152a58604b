// Maps Cronofy HTTP failures (as the SDK reports them) to coded AppErrors with a user message.
import { AppError } from '../errors';
import { validationErrorsSchema } from './schemas';
import type { SdkHttpError } from './sdk';

export function cronofyError(error: unknown, operation: string): AppError {
  if (error instanceof AppError) return error;
  const http = error as SdkHttpError;
  const status = http?.statusCode;
  const entity = http?.error?.entity;
  const where = `Cronofy ${operation}`;
  if (status === undefined) {
    const reason = error instanceof Error ? error.message : String(error);
    return new AppError('cronofy_unavailable', { message: `${where} failed without a response: ${reason}`, userMessage: 'Cronofy could not be reached. Please try again in a few minutes.', cause: error });
  }
  const oauthError = typeof entity === 'object' && entity !== null ? (entity as { error?: unknown }).error : undefined;
  if (status === 400 && (oauthError === 'invalid_grant' || JSON.stringify(entity ?? '').includes('unknown_or_used'))) {
    return new AppError('cronofy_invalid_grant', { message: `${where}: invalid_grant`, userMessage: 'That authorization is no longer valid. Please connect again.', cause: error, details: { status } });
  }
  if (status === 401) return new AppError('cronofy_unauthorized', { message: `${where}: 401 unauthorized`, userMessage: 'Your calendar authorization has expired. Please reconnect your calendar.', cause: error, details: { status } });
  if (status === 403) return new AppError('cronofy_forbidden', { message: `${where}: 403 insufficient scope`, userMessage: 'Slotline needs more calendar permissions. Please reconnect your calendar.', cause: error, details: { status } });
  if (status === 423) return new AppError('cronofy_locked', { message: `${where}: 423 no working provider credentials`, userMessage: 'Your calendar provider disconnected. Please relink your calendar.', cause: error, details: { status } });
  if (status === 422) {
    const parsed = validationErrorsSchema.safeParse(entity);
    const fields = parsed.success
      ? Object.entries(parsed.data.errors).map(([field, problems]) => `${field}: ${problems.map((p) => p.description ?? p.key).join(', ')}`)
      : [];
    return new AppError('cronofy_validation', {
      message: `${where}: 422 ${fields.join('; ') || 'validation failed'}`,
      userMessage: `Cronofy refused the request${fields.length ? ` (${fields.join('; ')})` : ''}.`,
      cause: error,
      details: { status, fields },
    });
  }
  if (status === 429) return new AppError('cronofy_rate_limited', { message: `${where}: 429 rate limited`, userMessage: 'Cronofy is busy right now (rate limited). Please try again in a minute.', cause: error, details: { status } });
  if (status >= 500) return new AppError('cronofy_unavailable', { message: `${where}: ${status} server error`, userMessage: 'Cronofy is having trouble right now. Please try again in a few minutes.', cause: error, details: { status } });
  return new AppError('bad_request', { message: `${where}: HTTP ${status}`, userMessage: `Cronofy refused the request (HTTP ${status}).`, cause: error, details: { status } });
}

export function isRetryable(error: AppError): boolean {
  return error.code === 'cronofy_rate_limited' || error.code === 'cronofy_unavailable';
}
