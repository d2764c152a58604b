// One CSV row per active employee with every fact the status summary counts, so admins can check any number.
import type { EmployeeReadiness } from '../readiness/load-readiness';
import { CONFERENCING_PROVIDERS } from '../readiness/providers';
import type { CsvValue } from './csv';
import { bucketOf, missingCode } from './person-status';

export const READINESS_CSV_HEADER = [
  'slack_user_id',
  'name',
  'email',
  'time_zone',
  'status',
  'ready',
  'opted_out',
  'calendar_state',
  'calendar_provider',
  'calendar_protocol',
  'calendar_via_enterprise_connect',
  'calendar_reason',
  'calendar_last_checked_utc',
  // Status per provider; empty when the company's setting does not ask it of this person.
  ...CONFERENCING_PROVIDERS,
  'missing',
] as const;

const STATUS_WORDS = { ready: 'ready', missing: 'missing_something', opted_out: 'opted_out' } as const;

export function readinessCsvRow(person: EmployeeReadiness): CsvValue[] {
  const { readiness } = person;
  const { calendar } = readiness;
  const bucket = bucketOf(readiness);
  return [
    person.slackUserId,
    person.realName,
    person.email,
    person.timeZone,
    STATUS_WORDS[bucket],
    bucket === 'ready',
    readiness.optedOut,
    calendar.state,
    calendar.providerName,
    calendar.providerProtocol,
    calendar.viaEnterpriseConnect,
    calendar.reason,
    calendar.lastCheckedAt,
    ...CONFERENCING_PROVIDERS.map((provider) => readiness.conferencing.find((c) => c.provider === provider)?.status ?? null),
    readiness.missing.map(missingCode).join('; '),
  ];
}
