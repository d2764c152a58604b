// The small demo company sandbox mode starts with: Slack members and their calendars at the Cronofy simulator.
export interface DemoPerson {
  slackId: string;
  name: string;
  realName: string;
  email: string;
  tz: string;
  role: 'admin' | 'recruiter' | 'employee';
  calendar: { provider: 'google' | 'office365' | 'exchange' | 'apple'; protocol?: 'graph_api' | 'exchange_web_services' };
  conferencingAccounts: Array<'zoom' | 'ms_teams' | 'go_to'>;
}

export const DEMO_TEAM = { teamId: 'T0DEMO001', name: 'Acme Robotics', domain: 'acme-robotics' };
export const DEMO_EMAIL_DOMAIN = 'acme-robotics.example';

const person = (slackId: string, name: string, realName: string, tz: string, role: DemoPerson['role'], calendar: DemoPerson['calendar'], conferencingAccounts: DemoPerson['conferencingAccounts']): DemoPerson => ({
  slackId,
  name,
  realName,
  email: `${name}@${DEMO_EMAIL_DOMAIN}`,
  tz,
  role,
  calendar,
  conferencingAccounts,
});

export const DEMO_PEOPLE: DemoPerson[] = [
  person('U0DEMOADM', 'ada', 'Ada Admin', 'Europe/London', 'admin', { provider: 'google' }, ['zoom']),
  person('U0DEMOREC', 'rita', 'Rita Recruiter', 'America/New_York', 'recruiter', { provider: 'google' }, ['zoom']),
  person('U0DEMOEM1', 'emil', 'Emil Engineer', 'Europe/Berlin', 'employee', { provider: 'google' }, ['zoom']),
  person('U0DEMOEM2', 'olga', 'Olga Operations', 'America/Chicago', 'employee', { provider: 'office365', protocol: 'graph_api' }, ['zoom', 'ms_teams']),
  person('U0DEMOEM3', 'eddie', 'Eddie Exchange', 'America/Los_Angeles', 'employee', { provider: 'office365', protocol: 'exchange_web_services' }, ['ms_teams', 'go_to']),
  person('U0DEMOEM4', 'iris', 'Iris iCloud', 'Australia/Sydney', 'employee', { provider: 'apple' }, ['zoom', 'go_to']),
];
