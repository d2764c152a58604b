// Renders a person's setup checklist as Block Kit, the same for the DM and the App Home tab. Pure.
import { TZDate } from '@date-fns/tz';
import type { types } from '@slack/bolt';
import { format } from 'date-fns/format';
import { describeEnterpriseReason } from '../enterprise/failure-reasons';
import { safeZone } from '../scheduling/slot-time';
import { CONFERENCING_LABELS, calendarLabel, isAuthorizableProvider } from '../readiness/providers';
import type { ConferencingReadiness, Readiness } from '../readiness/readiness';
import type { CalendarAction } from './calendar-action';
import { CHECKLIST_LINK_TTL_DAYS, type ChecklistLinks } from './checklist-links';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

export const CHECKLIST_ACTIONS = {
  connectCalendarPrefix: 'onboarding_connect_calendar_',
  relinkCalendar: 'onboarding_relink_calendar',
  syncCalendar: 'onboarding_sync_calendar',
  connectConferencingPrefix: 'onboarding_connect_conferencing_',
  refresh: 'onboarding_refresh',
  optOut: 'onboarding_opt_out',
  optIn: 'onboarding_opt_in',
} as const;

/** Every URL button of the checklist: Slack still sends block_actions for them, which must be acked. */
export const CHECKLIST_LINK_ACTION_PATTERN = /^onboarding_(connect_calendar_|connect_conferencing_|relink_calendar$|sync_calendar$)/;

export interface ChecklistView {
  surface: 'dm' | 'home';
  timeZone: string;
  readiness: Readiness;
  calendarAction: CalendarAction;
  links: ChecklistLinks;
  /** A line above the checklist saying why it was sent now (welcome, reminder, disconnection). */
  notice?: string;
}

const WHY = 'Slotline books the interviews you host straight into your calendar and adds a video link automatically, so nobody has to email invites or meeting links around.';

const DISCONNECT_REASONS: Record<string, string> = {
  profile_disconnected: 'your calendar provider stopped letting Cronofy in (a changed password or removed access)',
  authorization_revoked: 'the authorization was revoked',
  authorization_expired: 'the authorization expired',
  provider_credentials_lost: 'Cronofy lost access to your calendar provider',
  no_calendar_profile: 'no calendar was found in the account',
  employee_deactivated: 'your Slack account was deactivated',
  profile_removed: 'the account was unlinked',
};

export function describeReason(reason: string | null): string {
  return (reason && DISCONNECT_REASONS[reason]) ?? describeEnterpriseReason(reason) ?? 'Cronofy reported the connection as broken';
}

function section(text: string, accessory?: Button): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) }, ...(accessory ? { accessory } : {}) };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: text.slice(0, 3000) }] };
}

function linkButton(actionId: string, text: string, url: string, primary = false): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: text.slice(0, 75), emoji: true }, url, ...(primary ? { style: 'primary' as const } : {}) };
}

function actionButton(actionId: string, text: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text, emoji: true }, value: actionId, ...(style ? { style } : {}) };
}

function conferencingLabel(provider: ConferencingReadiness['provider']): string {
  return CONFERENCING_LABELS[provider];
}

/** "your calendar and Zoom", for the notification text. */
export function missingSummary(readiness: Readiness): string {
  const names = readiness.missing.map((item) => (item.kind === 'calendar' ? 'your calendar' : conferencingLabel(item.provider)));
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function checklistText(view: ChecklistView): string {
  const { readiness } = view;
  const status = readiness.ready ? 'You are ready to host interviews.' : `To host interviews, connect ${missingSummary(readiness)}.`;
  return view.notice ? `${view.notice} ${status}` : status;
}

function calendarLine(readiness: Readiness, action: CalendarAction): string {
  const calendar = readiness.calendar;
  const label = calendarLabel(calendar.providerName, calendar.providerProtocol);
  switch (calendar.state) {
    case 'connected':
      return calendar.reason === 'no_writable_calendar'
        ? `:warning: *Calendar*: ${label} is connected, but Slotline found no calendar in it that it may write to.`
        : `:white_check_mark: *Calendar*: ${label} connected.`;
    case 'pending':
      return ':hourglass_flowing_sand: *Calendar*: connecting…';
    case 'disconnected':
      return `:warning: *Calendar*: ${calendar.providerName ? label : 'your calendar'} disconnected because ${describeReason(calendar.reason)}. ${action.kind === 'sync' ? 'Sync it again' : 'Relink it'} so interviews can be booked into it.`;
    default:
      if (action.kind === 'sync' && calendar.reason?.startsWith('ec_')) {
        return `:warning: *Calendar*: your company could not sync it because ${describeReason(calendar.reason)}. Sync calendar tries again; if it keeps failing, ask a Slotline admin.`;
      }
      return action.kind === 'sync'
        ? ':white_circle: *Calendar*: not synced yet. Your company connects calendars through Enterprise Connect, so no sign-in is needed.'
        : ':white_circle: *Calendar*: not connected. Pick the calendar you use at work:';
  }
}

function conferencingLine(item: ConferencingReadiness): string {
  const label = conferencingLabel(item.provider);
  switch (item.status) {
    case 'native':
      return `:white_check_mark: *${label}*: built into your calendar, nothing to connect.`;
    case 'connected':
      return `:white_check_mark: *${label}*: connected.`;
    case 'unavailable':
      return `:heavy_minus_sign: *${label}*: only available with a Google calendar.`;
    case 'disconnected':
      return `:warning: *${label}*: disconnected because ${describeReason(item.reason)}. Reconnect it to get ${label} links.`;
    default:
      return `:white_circle: *${label}*: not connected.`;
  }
}

function calendarButtons(action: CalendarAction, links: ChecklistLinks): Button[] {
  switch (action.kind) {
    case 'choose':
      return action.choices.flatMap((choice, index) => {
        const url = links.calendar[choice.id];
        return url ? [linkButton(`${CHECKLIST_ACTIONS.connectCalendarPrefix}${choice.id}`, `Connect ${choice.label} calendar`, url, index === 0)] : [];
      });
    case 'relink':
      return links.calendar.relink ? [linkButton(CHECKLIST_ACTIONS.relinkCalendar, `Relink ${action.choice.label} calendar`, links.calendar.relink, true)] : [];
    case 'sync':
      return links.calendar.sync ? [linkButton(CHECKLIST_ACTIONS.syncCalendar, 'Sync calendar', links.calendar.sync, true)] : [];
    default:
      return [];
  }
}

function conferencingBlocks(readiness: Readiness, links: ChecklistLinks): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const calendarConnected = readiness.calendar.state === 'connected';
  if (readiness.conferencing.length === 0) {
    blocks.push(
      section(
        calendarConnected
          ? ':heavy_minus_sign: *Video*: your calendar has no built-in video, and your company has not chosen a video provider.'
          : ':white_circle: *Video*: comes with your calendar once it is connected (Google Meet with Google, Microsoft Teams with Microsoft 365).',
      ),
    );
    return blocks;
  }
  for (const item of readiness.conferencing) blocks.push(section(conferencingLine(item)));
  const buttons: Button[] = [];
  for (const item of readiness.conferencing) {
    if (!isAuthorizableProvider(item.provider)) continue;
    const url = links.conferencing[item.provider];
    if (!url) continue;
    const verb = item.status === 'disconnected' ? 'Reconnect' : 'Connect';
    buttons.push(linkButton(`${CHECKLIST_ACTIONS.connectConferencingPrefix}${item.provider}`, `${verb} ${conferencingLabel(item.provider)}`, url, calendarConnected && buttons.length === 0));
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: 'checklist_conferencing', elements: buttons });
  else if (!calendarConnected && readiness.missing.some((item) => item.kind === 'conferencing')) {
    blocks.push(context('Video accounts attach to your calendar account at Cronofy, so connect your calendar first; the video buttons appear here then.'));
  }
  return blocks;
}

function lastChecked(readiness: Readiness, timeZone: string): string | null {
  const at = readiness.calendar.lastCheckedAt;
  if (!at) return null;
  const zone = safeZone(timeZone);
  return `Last checked ${format(new TZDate(at.getTime(), zone), 'EEE d MMM, HH:mm')} (${zone})`;
}

export function renderChecklist(view: ChecklistView): KnownBlock[] {
  const { readiness, calendarAction, links } = view;
  const blocks: KnownBlock[] = [];
  if (view.notice) blocks.push(section(view.notice));
  const title = readiness.ready ? 'You are ready to host interviews' : view.surface === 'home' ? 'Your interview setup' : 'Get ready to host interviews';
  blocks.push({ type: 'header', text: { type: 'plain_text', text: title, emoji: true } });
  blocks.push(section(readiness.ready ? 'Interviews you host go into your calendar with a video link, automatically.' : WHY));
  if (readiness.optedOut) {
    blocks.push(section(':zipper_mouth_face: You told Slotline you do not host interviews, so it sends you no reminders. Admins can see this.'));
  }
  blocks.push({ type: 'divider' });
  blocks.push(section(calendarLine(readiness, calendarAction)));
  const calendar = calendarButtons(calendarAction, links);
  if (calendar.length > 0) blocks.push({ type: 'actions', block_id: 'checklist_calendar', elements: calendar });
  blocks.push(...conferencingBlocks(readiness, links));
  blocks.push({ type: 'divider' });
  const footerNotes = [lastChecked(readiness, view.timeZone), readiness.ready ? null : `Each button works once and for ${CHECKLIST_LINK_TTL_DAYS} days; Refresh gives you new ones.`].filter(Boolean);
  if (footerNotes.length > 0) blocks.push(context(footerNotes.join(' · ')));
  blocks.push({
    type: 'actions',
    block_id: 'checklist_footer',
    elements: [
      actionButton(CHECKLIST_ACTIONS.refresh, 'Refresh'),
      readiness.optedOut ? actionButton(CHECKLIST_ACTIONS.optIn, 'I do host interviews again') : actionButton(CHECKLIST_ACTIONS.optOut, 'I don’t host interviews'),
    ],
  });
  return blocks;
}

/** What an older checklist message turns into once a newer one was posted below it. */
export function supersededBlocks(): { text: string; blocks: KnownBlock[] } {
  const text = 'This checklist was replaced by a newer message below.';
  return { text, blocks: [context(`:arrow_down: ${text}`)] };
}
