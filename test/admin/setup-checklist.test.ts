import { setupChecklist } from '../../src/admin/setup-checklist';
import { createSummaryAccumulator, type ReadinessSummary } from '../../src/admin/readiness-summary';
import type { Workspace } from '../../src/workspaces/workspace-service';

const workspace = (overrides: Partial<Workspace> = {}) => ({ conferencingProviders: null, reminderMaxCount: 3, reminderIntervalHours: 48, ...overrides }) as Workspace;
const notLinked = { state: 'not_linked', domain: null, providerName: null, reason: null };

function summary(overrides: Partial<ReadinessSummary['calendar']> = {}, zoomConnected = 0): ReadinessSummary {
  const base = createSummaryAccumulator(['native', 'zoom']).result();
  base.providers[1].statuses.connected = zoomConnected;
  return { ...base, calendar: { ...base.calendar, ...overrides } };
}

describe('the admin’s setup checklist', () => {
  it('lists the seed’s prerequisites for the default providers', () => {
    const items = setupChecklist(workspace(), summary(), notLinked);
    expect(items.map((i) => [i.mark, i.title])).toEqual([
      ['todo', 'Choose how interviews get video'],
      ['todo', 'Zoom: install Cronofy’s Zoom app for all users'],
      ['todo', 'Google Meet: enable it in the Google Admin console'],
      ['done', 'Microsoft 365 over Exchange Web Services: Teams per person'],
      ['todo', 'Optional: Enterprise Connect'],
      ['done', 'Reminders'],
    ]);
    expect(items[1].body).toContain('A Zoom admin must install Cronofy’s app from the Zoom App Marketplace for the whole account');
    expect(items[3].body).toContain('only regular mailboxes can host (not shared or resource mailboxes)');
  });

  it('ticks what Slotline can see is done, and warns about what looks wrong', () => {
    const items = setupChecklist(
      workspace({ conferencingProviders: '["native","zoom"]', reminderMaxCount: 0 }),
      summary({ byProvider: [{ label: 'Google', count: 10 }], googleWithMeet: 0, exchangeWebServices: 4 }, 7),
      { state: 'broken', domain: 'acme.com', providerName: 'google', reason: 'revoked' },
    );
    const byTitle = Object.fromEntries(items.map((i) => [i.title, i]));
    expect(byTitle['Choose how interviews get video'].mark).toBe('done');
    expect(byTitle['Zoom: install Cronofy’s Zoom app for all users']).toMatchObject({ mark: 'done', body: expect.stringContaining('7 people authorized Zoom already') });
    expect(byTitle['Google Meet: enable it in the Google Admin console']).toMatchObject({ mark: 'warn', body: expect.stringContaining('0 of 10 connected Google calendars offer Meet') });
    expect(byTitle['Microsoft 365 over Exchange Web Services: Teams per person']).toMatchObject({ mark: 'warn', body: expect.stringContaining('add Microsoft Teams in Settings') });
    expect(byTitle['Optional: Enterprise Connect'].mark).toBe('warn');
    expect(byTitle.Reminders).toMatchObject({ mark: 'warn', body: 'Reminders are off (0 per person). Turn them on in Settings.' });
  });

  it('leaves Zoom out when the company does not use it', () => {
    const titles = setupChecklist(workspace({ conferencingProviders: '["google_meet"]' }), summary(), notLinked).map((i) => i.title);
    expect(titles).not.toContain('Zoom: install Cronofy’s Zoom app for all users');
    expect(titles).toContain('Google Meet: enable it in the Google Admin console');
  });
});
