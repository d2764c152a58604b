import { readSettings, SETTINGS_BLOCKS, settingsModal } from '../../src/admin/settings-modal';
import { viewProblems } from '../../src/simulators/slack/block-kit-limits';
import type { Workspace } from '../../src/workspaces/workspace-service';

const workspace = {
  id: 'ws_1',
  conferencingProviders: null,
  reminderIntervalHours: 48,
  reminderMaxCount: 3,
  autoNudgeIntervalDays: 0,
  workingHoursStart: '09:00',
  workingHoursEnd: '17:00',
  workingDays: '1,2,3,4,5',
} as Workspace;

const checked = (...values: string[]) => ({ type: 'checkboxes', selected_options: values.map((value) => ({ value })) });
const number = (value: string | null) => ({ type: 'number_input', value });
const time = (selected_time: string | null) => ({ type: 'timepicker', selected_time });

function state(overrides: Partial<Record<keyof typeof SETTINGS_BLOCKS, unknown>> = {}) {
  const values = {
    providers: checked('native', 'zoom'),
    interval: number('24'),
    maxCount: number('5'),
    autoDays: number('7'),
    start: time('08:30'),
    end: time('18:00'),
    days: checked('5', '1', '3'),
    ...overrides,
  };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [SETTINGS_BLOCKS[key as keyof typeof SETTINGS_BLOCKS], { value }]));
}

describe('the settings modal', () => {
  it('is a valid modal showing the current settings', () => {
    const view = settingsModal(workspace);
    expect(viewProblems(view)).toEqual([]);
    const providers = view.blocks.find((b) => b.block_id === SETTINGS_BLOCKS.providers);
    expect(JSON.stringify(providers)).toContain('"initial_options":[{"text":{"type":"plain_text","text":"Each calendar\'s own video"');
    expect(JSON.stringify(view)).toContain('"initial_time":"09:00"');
  });

  it('reads a valid submission into a settings patch', () => {
    expect(readSettings(state())).toEqual({
      ok: true,
      patch: {
        conferencingProviders: '["native","zoom"]',
        reminderIntervalHours: 24,
        reminderMaxCount: 5,
        autoNudgeIntervalDays: 7,
        workingHoursStart: '08:30',
        workingHoursEnd: '18:00',
        workingDays: '1,3,5',
      },
    });
  });

  it('reports every problem next to its input', () => {
    const result = readSettings(state({ providers: checked(), interval: number('0'), maxCount: number('2.5'), autoDays: number('365'), start: time('18:00'), end: time('09:00'), days: checked() }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(
      [SETTINGS_BLOCKS.providers, SETTINGS_BLOCKS.interval, SETTINGS_BLOCKS.maxCount, SETTINGS_BLOCKS.autoDays, SETTINGS_BLOCKS.end, SETTINGS_BLOCKS.days].sort(),
    );
    expect(result.errors[SETTINGS_BLOCKS.end]).toBe('The working day must end after it starts.');
  });

  it('asks for missing times and ignores providers it does not know', () => {
    const result = readSettings(state({ start: time(null), providers: checked('skype') }));
    expect(result).toEqual({ ok: false, errors: { [SETTINGS_BLOCKS.start]: 'Pick a start time.', [SETTINGS_BLOCKS.providers]: 'Pick at least one way to hold video interviews.' } });
  });

  it('refuses a form of another shape without throwing', () => {
    expect(readSettings({ unrelated: {} })).toMatchObject({ ok: false });
  });
});
