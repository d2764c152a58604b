// The admin's setup checklist on the Home tab: the prerequisites interviews with video depend on, each with
// what Slotline can see of it (Cronofy cannot tell us directly whether a vendor admin did their part).
import { calendarLabel } from '../readiness/providers';
import { companyProviders } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';
import { count, people } from './bars';
import { section, type KnownBlock } from './blocks';
import type { EnterpriseState } from './enterprise-state';
import type { ReadinessSummary } from './readiness-summary';
import { providerLabel } from './summary-blocks';

type Mark = 'done' | 'todo' | 'warn';
const MARKS: Record<Mark, string> = { done: '✅', todo: '⬜', warn: '⚠️' };

interface ChecklistItem {
  mark: Mark;
  title: string;
  body: string;
}

export function setupChecklist(workspace: Workspace, summary: ReadinessSummary, enterprise: EnterpriseState): ChecklistItem[] {
  const providers = companyProviders(workspace.conferencingProviders);
  const uses = (p: (typeof providers)[number]) => providers.includes(p);
  const tally = (p: (typeof providers)[number]) => summary.providers.find((t) => t.provider === p);
  const google = summary.calendar.byProvider.find((p) => p.label === calendarLabel('google'))?.count ?? 0;
  const items: ChecklistItem[] = [
    {
      mark: workspace.conferencingProviders ? 'done' : 'todo',
      title: 'Choose how interviews get video',
      body: `${workspace.conferencingProviders ? 'Interviews use' : 'Using the default'}: ${providers.map(providerLabel).join(', ')}. Change it in Settings.`,
    },
  ];
  if (uses('zoom')) {
    const authorized = tally('zoom')?.statuses.connected ?? 0;
    items.push({
      mark: authorized > 0 ? 'done' : 'todo',
      title: 'Zoom: install Cronofy’s Zoom app for all users',
      body: `A Zoom admin must install Cronofy’s app from the Zoom App Marketplace for the whole account, or people cannot authorize Zoom. ${authorized > 0 ? `${people(authorized)} authorized Zoom already.` : 'Nobody has authorized Zoom yet.'}`,
    });
  }
  if (uses('google_meet') || uses('native')) {
    items.push({
      mark: summary.calendar.googleWithMeet > 0 ? 'done' : google > 0 ? 'warn' : 'todo',
      title: 'Google Meet: enable it in the Google Admin console',
      body: `Meet comes with Google calendars only when it is turned on in the Google Admin console (Apps › Google Workspace › Calendar › Video conferencing). ${
        google > 0 ? `${count(summary.calendar.googleWithMeet)} of ${count(google)} connected Google calendars offer Meet.` : 'No Google calendar is connected yet.'
      }`,
    });
  }
  if (uses('ms_teams') || uses('native') || summary.calendar.exchangeWebServices > 0) {
    const ews = summary.calendar.exchangeWebServices;
    const withTeams = summary.calendar.exchangeWebServicesWithTeams;
    // Readiness asks EWS people for Teams only when the company lists Teams itself: "native" gives them none.
    const status =
      ews === 0
        ? 'Nobody is on Exchange Web Services.'
        : uses('ms_teams')
          ? `${count(withTeams)} of ${people(ews)} on Exchange Web Services authorized Teams.`
          : `${people(ews)} on Exchange Web Services get no Teams from their calendar: add Microsoft Teams in Settings if they should host Teams interviews.`;
    items.push({
      mark: ews === 0 || (uses('ms_teams') && withTeams === ews) ? 'done' : 'warn',
      title: 'Microsoft 365 over Exchange Web Services: Teams per person',
      body: `Calendars connected over Exchange Web Services do not bring Teams: each person authorizes Teams themselves, and only regular mailboxes can host (not shared or resource mailboxes). ${status}`,
    });
  }
  items.push({
    mark: enterprise.state === 'active' ? 'done' : enterprise.state === 'broken' ? 'warn' : 'todo',
    title: 'Optional: Enterprise Connect',
    body: 'Link Enterprise Connect once so people need not connect their own calendars. See `/integrations enterprise`.',
  });
  items.push({
    mark: workspace.reminderMaxCount > 0 ? 'done' : 'warn',
    title: 'Reminders',
    body:
      workspace.reminderMaxCount > 0
        ? `People missing something get up to ${workspace.reminderMaxCount} reminders, every ${workspace.reminderIntervalHours} h within working hours. Start a campaign with the Nudge button.`
        : 'Reminders are off (0 per person). Turn them on in Settings.',
  });
  return items;
}

export function setupChecklistBlocks(items: ChecklistItem[]): KnownBlock[] {
  return items.map((item) => section(`${MARKS[item.mark]} *${item.title}*\n${item.body}`));
}
