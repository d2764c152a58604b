// What the scheduling modal carries in private_metadata (≤3000 characters): never the draft itself, only its id,
// the slots on screen (epoch minutes), which reminders were sent from this modal and the form's time zone. Parsed with zod on the way back.
import { z } from 'zod';

/** What a Nudge from this modal came to: the reminder port's answers, or `failed` when it threw. */
export const NUDGE_OUTCOMES = ['sent', 'nothing_missing', 'opted_out', 'failed'] as const;
export type NudgeOutcome = (typeof NUDGE_OUTCOMES)[number];

const formSchema = z.object({
  k: z.literal('form'),
  n: z.record(z.string(), z.enum(NUDGE_OUTCOMES)).optional(),
  /** The zone the form's dates are read in, as shown on it (so a submission needs no lookup before its ack). */
  z: z.string().max(64).optional(),
});
const interviewSchema = z.object({
  k: z.literal('interview'),
  i: z.string().min(1).max(64),
  /** The interview's revision when the slots were shown: a click on a stale picker must not move a newer booking. */
  r: z.number().int().min(0).optional(),
  s: z.array(z.number().int().positive()).max(40).optional(),
});
const metadataSchema = z.discriminatedUnion('k', [formSchema, interviewSchema]);

export type FormMetadata = z.infer<typeof formSchema>;
export type InterviewMetadata = z.infer<typeof interviewSchema>;
export type Metadata = z.infer<typeof metadataSchema>;

export function encodeMetadata(metadata: Metadata): string {
  return JSON.stringify(metadata);
}

export function decodeMetadata(text: string | undefined | null): Metadata | null {
  if (!text) return null;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const toMinutes = (instant: number) => Math.round(instant / 60_000);
export const fromMinutes = (minutes: number) => minutes * 60_000;
