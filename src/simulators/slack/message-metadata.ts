// Message metadata (`metadata` on chat.postMessage): an app's event type and payload, stored with the message and
// returned by conversations.history when asked for (`include_all_metadata`).
import type { SlackObject } from './records';
import { SlackApiError } from './web-api/errors';

export interface MessageMetadata {
  event_type: string;
  event_payload: SlackObject;
}

function isObject(value: unknown): value is SlackObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The metadata argument as Slack reads it: a JSON string (form bodies) or an object (JSON bodies). */
export function checkMetadata(raw: unknown): MessageMetadata | null {
  if (raw === undefined || raw === null || raw === '') return null;
  let parsed = raw;
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new SlackApiError('invalid_metadata_format');
    }
  }
  if (!isObject(parsed)) throw new SlackApiError('invalid_metadata_format');
  // Work-object entities travel in the same argument; the simulator keeps only event metadata.
  if (parsed.event_type === undefined && parsed.event_payload === undefined && parsed.entities !== undefined) return null;
  const { event_type: eventType, event_payload: eventPayload } = parsed;
  if (typeof eventType !== 'string' || eventType.trim() === '' || !isObject(eventPayload)) throw new SlackApiError('invalid_metadata_schema');
  return { event_type: eventType, event_payload: structuredClone(eventPayload) };
}
