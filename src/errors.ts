// Coded errors: `message` is for the log (no tokens, no candidate PII), `userMessage` is what a person sees.
export type ErrorCode =
  | 'config_invalid'
  | 'database_unavailable'
  | 'link_invalid'
  | 'link_expired'
  | 'link_used'
  | 'link_wrong_user'
  | 'oauth_declined'
  | 'cronofy_unauthorized'
  | 'cronofy_invalid_grant'
  | 'cronofy_locked'
  | 'cronofy_forbidden'
  | 'cronofy_validation'
  | 'cronofy_rate_limited'
  | 'cronofy_unavailable'
  | 'slack_api_failed'
  | 'not_permitted'
  | 'not_found'
  | 'bad_request'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, options: { message: string; userMessage?: string; cause?: unknown; details?: Record<string, unknown> }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.userMessage = options.userMessage ?? 'Something went wrong on our side. Please try again in a minute.';
    this.details = options.details;
  }
}

/** Wraps anything thrown into an AppError once, at a boundary. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', { message, cause: error });
}
