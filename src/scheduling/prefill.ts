// Reads the text after /schedule-interview into modal prefills, e.g.
// `Jane Doe jane@example.com <@U1|alice> <@U2> 45m zoom`. Pure: unknown @handles are left for the caller to resolve.
import { parseDuration } from './slot-time';
import type { VideoChoice } from './video';

export interface Prefill {
  candidateName?: string;
  candidateEmail?: string;
  interviewerIds: string[];
  /** Raw `@name` words (the command was sent without Slack escaping them). */
  handles: string[];
  durationText?: string;
  video?: VideoChoice;
}

const VIDEO_WORDS: Record<string, VideoChoice> = {
  zoom: 'zoom',
  meet: 'google_meet',
  'google-meet': 'google_meet',
  teams: 'ms_teams',
  'ms-teams': 'ms_teams',
  goto: 'go_to',
  gotomeeting: 'go_to',
  'no-video': 'none',
  novideo: 'none',
  auto: 'auto',
};

const EMAIL = /^[^\s@<>|]+@[^\s@<>|]+\.[^\s@<>|]+$/;
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/;
const DURATION = /^\d+(\.\d+)?\s*(m|min|mins|minutes|h|hr|hrs|hours?)?(\d{1,2}m?)?$/i;

export function parsePrefill(text: string): Prefill {
  const prefill: Prefill = { interviewerIds: [], handles: [] };
  const nameWords: string[] = [];
  for (const token of text.match(/<[^>]+>|\S+/g) ?? []) {
    const mention = MENTION.exec(token);
    const mailto = MAILTO.exec(token);
    const lower = token.toLowerCase();
    if (mention) {
      if (!prefill.interviewerIds.includes(mention[1])) prefill.interviewerIds.push(mention[1]);
    } else if (mailto && EMAIL.test(mailto[1]) && !prefill.candidateEmail) {
      prefill.candidateEmail = mailto[1].toLowerCase();
    } else if (EMAIL.test(token) && !prefill.candidateEmail) {
      prefill.candidateEmail = token.toLowerCase();
    } else if (token.startsWith('@') && token.length > 1) {
      prefill.handles.push(token.slice(1));
    } else if (DURATION.test(token) && parseDuration(token) !== null && !prefill.durationText) {
      prefill.durationText = token;
    } else if (lower in VIDEO_WORDS && !prefill.video) {
      prefill.video = VIDEO_WORDS[lower];
    } else if (!token.startsWith('<')) {
      nameWords.push(token.replace(/^["“”']+|["“”']+$/g, ''));
    }
  }
  const name = nameWords.filter(Boolean).join(' ').trim();
  if (name) prefill.candidateName = name.slice(0, 100);
  return prefill;
}
