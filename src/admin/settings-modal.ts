// `/integrations settings`: the company's conferencing providers, reminder cadence and working hours, as a modal.
import { z } from 'zod';
import type { types } from '@slack/bolt';
import { CONFERENCING_LABELS, CONFERENCING_PROVIDERS } from '../readiness/providers';
import { companyProviders, type CompanyProvider } from '../readiness/readiness';
import type { Workspace, WorkspaceSettingsPatch } from '../workspaces/workspace-service';
import { SETTINGS_CALLBACK_ID } from './action-ids';
import { context, option, plain, type KnownBlock } from './blocks';

const PROVIDER_CHOICES: Array<{ value: CompanyProvider; label: string; description: string }> = [
  { value: 'native', label: "Each calendar's own video", description: 'Google Meet on Google calendars, Teams on Microsoft 365 (Graph)' },
  ...CONFERENCING_PROVIDERS.map((p) => ({
    value: p,
    label: CONFERENCING_LABELS[p],
    description: p === 'google_meet' ? 'Only people with a Google calendar can host it' : p === 'ms_teams' ? 'Native on Microsoft 365 (Graph); others authorize it' : 'Everyone authorizes their own account',
  })),
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const SETTINGS_BLOCKS = {
  providers: 'settings-providers',
  interval: 'settings-reminder-interval',
  maxCount: 'settings-reminder-max',
  autoDays: 'settings-auto-campaign-days',
  start: 'settings-hours-start',
  end: 'settings-hours-end',
  days: 'settings-working-days',
} as const;
const ACTION = 'value';

export const REMINDER_INTERVAL_HOURS = { min: 1, max: 720 };
export const REMINDER_MAX_COUNT = { min: 0, max: 20 };
export const AUTO_CAMPAIGN_DAYS = { min: 0, max: 90 };

function providerOption(choice: (typeof PROVIDER_CHOICES)[number]) {
  return { ...option(choice.label, choice.value), description: plain(choice.description) };
}

function dayOption(day: number) {
  return option(DAYS[day - 1], String(day));
}

export function settingsModal(workspace: Workspace): types.ModalView {
  const chosen = companyProviders(workspace.conferencingProviders);
  const days = workspace.workingDays
    .split(',')
    .map(Number)
    .filter((d) => d >= 1 && d <= 7);
  const blocks: KnownBlock[] = [
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.providers,
      label: plain('Video for interviews', 2000),
      hint: plain('People are reminded to authorize what they need among these.', 2000),
      element: {
        type: 'checkboxes',
        action_id: ACTION,
        options: PROVIDER_CHOICES.map(providerOption),
        initial_options: PROVIDER_CHOICES.filter((c) => chosen.includes(c.value)).map(providerOption),
      },
    },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.interval,
      label: plain('Hours between reminders', 2000),
      element: { type: 'number_input', action_id: ACTION, is_decimal_allowed: false, min_value: String(REMINDER_INTERVAL_HOURS.min), max_value: String(REMINDER_INTERVAL_HOURS.max), initial_value: String(workspace.reminderIntervalHours) },
    },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.maxCount,
      label: plain('Reminders per person at most', 2000),
      hint: plain('0 turns reminders off.', 2000),
      element: { type: 'number_input', action_id: ACTION, is_decimal_allowed: false, min_value: String(REMINDER_MAX_COUNT.min), max_value: String(REMINDER_MAX_COUNT.max), initial_value: String(workspace.reminderMaxCount) },
    },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.autoDays,
      label: plain('Start a reminder campaign automatically every … days', 2000),
      hint: plain('0 means only when an admin presses Nudge.', 2000),
      element: { type: 'number_input', action_id: ACTION, is_decimal_allowed: false, min_value: String(AUTO_CAMPAIGN_DAYS.min), max_value: String(AUTO_CAMPAIGN_DAYS.max), initial_value: String(workspace.autoNudgeIntervalDays) },
    },
    { type: 'input', block_id: SETTINGS_BLOCKS.start, label: plain('Working hours start', 2000), element: { type: 'timepicker', action_id: ACTION, initial_time: workspace.workingHoursStart } },
    { type: 'input', block_id: SETTINGS_BLOCKS.end, label: plain('Working hours end', 2000), element: { type: 'timepicker', action_id: ACTION, initial_time: workspace.workingHoursEnd } },
    {
      type: 'input',
      block_id: SETTINGS_BLOCKS.days,
      label: plain('Working days', 2000),
      element: { type: 'checkboxes', action_id: ACTION, options: [1, 2, 3, 4, 5, 6, 7].map(dayOption), ...(days.length ? { initial_options: days.map(dayOption) } : {}) },
    },
    context('Working hours apply in each person’s own time zone: reminders are sent and interviews offered only within them.'),
  ];
  return { type: 'modal', callback_id: SETTINGS_CALLBACK_ID, title: plain('Slotline settings', 24), submit: plain('Save', 24), close: plain('Cancel', 24), blocks };
}

// What Slack sends back in view.state.values for these inputs (zod at the boundary).
const optionsState = z.object({ selected_options: z.array(z.object({ value: z.string() })).nullish() });
const textState = z.object({ value: z.string().nullish() });
const timeState = z.object({ selected_time: z.string().nullish() });
const stateSchema = z.object({
  [SETTINGS_BLOCKS.providers]: z.object({ [ACTION]: optionsState }),
  [SETTINGS_BLOCKS.interval]: z.object({ [ACTION]: textState }),
  [SETTINGS_BLOCKS.maxCount]: z.object({ [ACTION]: textState }),
  [SETTINGS_BLOCKS.autoDays]: z.object({ [ACTION]: textState }),
  [SETTINGS_BLOCKS.start]: z.object({ [ACTION]: timeState }),
  [SETTINGS_BLOCKS.end]: z.object({ [ACTION]: timeState }),
  [SETTINGS_BLOCKS.days]: z.object({ [ACTION]: optionsState }),
});

export type SettingsResult = { ok: true; patch: WorkspaceSettingsPatch } | { ok: false; errors: Record<string, string> };

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function wholeNumber(text: string | null | undefined, range: { min: number; max: number }): number | null {
  if (!text || !/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= range.min && n <= range.max ? n : null;
}

/** Reads and checks the submitted modal; every problem is reported next to its input. */
export function readSettings(stateValues: unknown): SettingsResult {
  const parsed = stateSchema.safeParse(stateValues);
  if (!parsed.success) return { ok: false, errors: { [SETTINGS_BLOCKS.providers]: 'The form changed while it was open. Please close it and run /integrations settings again.' } };
  const v = parsed.data;
  const errors: Record<string, string> = {};

  const known = new Set<string>(PROVIDER_CHOICES.map((c) => c.value));
  const providers = (v[SETTINGS_BLOCKS.providers][ACTION].selected_options ?? []).map((o) => o.value).filter((p) => known.has(p));
  if (providers.length === 0) errors[SETTINGS_BLOCKS.providers] = 'Pick at least one way to hold video interviews.';

  const interval = wholeNumber(v[SETTINGS_BLOCKS.interval][ACTION].value, REMINDER_INTERVAL_HOURS);
  if (interval === null) errors[SETTINGS_BLOCKS.interval] = `Enter a whole number of hours from ${REMINDER_INTERVAL_HOURS.min} to ${REMINDER_INTERVAL_HOURS.max}.`;
  const maxCount = wholeNumber(v[SETTINGS_BLOCKS.maxCount][ACTION].value, REMINDER_MAX_COUNT);
  if (maxCount === null) errors[SETTINGS_BLOCKS.maxCount] = `Enter a whole number from ${REMINDER_MAX_COUNT.min} to ${REMINDER_MAX_COUNT.max}.`;
  const autoDays = wholeNumber(v[SETTINGS_BLOCKS.autoDays][ACTION].value, AUTO_CAMPAIGN_DAYS);
  if (autoDays === null) errors[SETTINGS_BLOCKS.autoDays] = `Enter a whole number of days from ${AUTO_CAMPAIGN_DAYS.min} to ${AUTO_CAMPAIGN_DAYS.max}.`;

  const start = v[SETTINGS_BLOCKS.start][ACTION].selected_time ?? '';
  const end = v[SETTINGS_BLOCKS.end][ACTION].selected_time ?? '';
  if (!CLOCK.test(start)) errors[SETTINGS_BLOCKS.start] = 'Pick a start time.';
  if (!CLOCK.test(end)) errors[SETTINGS_BLOCKS.end] = 'Pick an end time.';
  else if (CLOCK.test(start) && end <= start) errors[SETTINGS_BLOCKS.end] = 'The working day must end after it starts.';

  const days = [...new Set((v[SETTINGS_BLOCKS.days][ACTION].selected_options ?? []).map((o) => Number(o.value)).filter((d) => Number.isInteger(d) && d >= 1 && d <= 7))].sort((a, b) => a - b);
  if (days.length === 0) errors[SETTINGS_BLOCKS.days] = 'Pick at least one working day.';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    patch: {
      conferencingProviders: JSON.stringify(PROVIDER_CHOICES.map((c) => c.value).filter((p) => providers.includes(p))),
      reminderIntervalHours: interval as number,
      reminderMaxCount: maxCount as number,
      autoNudgeIntervalDays: autoDays as number,
      workingHoursStart: start,
      workingHoursEnd: end,
      workingDays: days.join(','),
    },
  };
}

/** Which settings changed, for the audit log and the confirmation (values hold no personal data). */
export function changedSettings(before: Workspace, patch: WorkspaceSettingsPatch): Record<string, string | number> {
  const changed: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(patch) as Array<[keyof WorkspaceSettingsPatch, unknown]>) {
    if (value !== undefined && value !== before[key] && (typeof value === 'string' || typeof value === 'number')) changed[key] = value;
  }
  return changed;
}
