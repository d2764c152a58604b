// An `ok:false` Web API answer, carrying Slack's error name and any extra fields Slack adds.
import type { SlackObject } from '../records';

export class SlackApiError extends Error {
  constructor(
    readonly code: string,
    readonly extra: SlackObject = {},
  ) {
    super(code);
    this.name = 'SlackApiError';
  }
}

/** Slack lists schema problems in `response_metadata.messages` (and, for blocks, also in `errors`). */
export function schemaError(code: string, problems: string[], withErrorsField = false): SlackApiError {
  return new SlackApiError(code, {
    ...(withErrorsField ? { errors: problems } : {}),
    response_metadata: { messages: problems.map((problem) => `[ERROR] ${problem}`) },
  });
}
