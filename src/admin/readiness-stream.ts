// Evaluates every active employee of a workspace in one ordered pass, a page at a time, for the status
// summary, its paged list and the CSV export alike (so their numbers always agree).
// Unlike iterateWorkspaceReadiness (Prisma `include` of every column), each page is two plain SQL
// queries selecting only what readiness needs: employees joined with their calendar, then the page's
// conferencing rows by employee id range. They go through RawSql, rows as arrays, which keeps
// `/integrations status` for 50,000 people within a second and its memory flat (see raw-sql.ts). The SQL is
// portable (quoted identifiers, bound parameters) and runs unchanged on SQLite and PostgreSQL.
import type { RawSql } from '../db/raw-sql';
import type { EmployeeReadiness } from '../readiness/load-readiness';
import { companyProviders, evaluateReadiness, type CalendarFacts, type CompanyProvider, type ConferencingFacts, type ConnectionState } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';

export const READINESS_PAGE_SIZE = 1000;

const EMPLOYEES_SQL = `
  SELECT e."id", e."slackUserId", e."realName", e."email", e."timeZone", e."optedOutAt",
         c."id", c."state", c."reason", c."providerName", c."providerProtocol",
         c."integratedConferencing", c."relinkUrl", c."viaEnterpriseConnect", c."lastCheckedAt"
  FROM "Employee" e
  LEFT JOIN "CalendarConnection" c ON c."employeeId" = e."id"
  WHERE e."workspaceId" = ? AND e."deactivatedAt" IS NULL AND e."id" > ?
  ORDER BY e."id"
  LIMIT ?`;

const CONFERENCING_SQL = `
  SELECT f."employeeId", f."provider", f."state", f."reason", f."profileId", f."relinkUrl", f."lastCheckedAt"
  FROM "ConferencingConnection" f
  JOIN "Employee" e ON e."id" = f."employeeId"
  WHERE e."workspaceId" = ? AND e."deactivatedAt" IS NULL AND e."id" > ? AND e."id" <= ?`;

// Drivers differ in how raw results come back (booleans as 0/1, instants as strings or numbers): normalise here.
const toBool = (value: unknown) => value === true || value === 1 || value === 1n || value === '1' || value === 'true';
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'bigint' ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Columns 6… of an EMPLOYEES_SQL row: all null when the person has no CalendarConnection row. */
function calendarOf(row: unknown[]): CalendarFacts | null {
  const [, , , , , , calendarId, state, reason, providerName, providerProtocol, integratedConferencing, relinkUrl, viaEnterpriseConnect, lastCheckedAt] = row;
  if (calendarId === null) return null;
  return {
    state: ((state as string | null) ?? 'not_connected') as ConnectionState,
    reason: reason as string | null,
    providerName: providerName as string | null,
    providerProtocol: providerProtocol as string | null,
    integratedConferencing: toBool(integratedConferencing),
    relinkUrl: relinkUrl as string | null,
    viaEnterpriseConnect: toBool(viaEnterpriseConnect),
    lastCheckedAt: toDate(lastCheckedAt),
  };
}

function conferencingOf(row: unknown[]): ConferencingFacts {
  const [, provider, state, reason, profileId, relinkUrl, lastCheckedAt] = row;
  return {
    provider: provider as string,
    state: state as ConnectionState,
    reason: reason as string | null,
    profileId: profileId as string | null,
    relinkUrl: relinkUrl as string | null,
    lastCheckedAt: toDate(lastCheckedAt),
  };
}

export interface StreamOptions {
  pageSize?: number;
  /** Evaluate against these providers instead of the company's setting. */
  providers?: CompanyProvider[];
}

/** Pages of evaluated employees, in employee id order (the database's collation). */
export async function* streamWorkspaceReadiness(reader: RawSql, workspace: Workspace, options: StreamOptions = {}): AsyncGenerator<EmployeeReadiness[]> {
  const pageSize = options.pageSize ?? READINESS_PAGE_SIZE;
  const providers = options.providers ?? companyProviders(workspace.conferencingProviders);
  // Every id sorts after the empty string, so '' starts the walk without a special first query.
  let after = '';
  for (;;) {
    const employees = await reader.rows(EMPLOYEES_SQL, [workspace.id, after, pageSize]);
    if (employees.length === 0) return;
    const last = employees[employees.length - 1][0] as string;
    const conferencing = new Map<string, ConferencingFacts[]>();
    for (const row of await reader.rows(CONFERENCING_SQL, [workspace.id, after, last])) {
      const employeeId = row[0] as string;
      const list = conferencing.get(employeeId);
      if (list) list.push(conferencingOf(row));
      else conferencing.set(employeeId, [conferencingOf(row)]);
    }
    yield employees.map((row) => {
      const [employeeId, slackUserId, realName, email, timeZone, optedOutAt] = row as [string, string, string, string | null, string, unknown];
      return {
        employeeId,
        slackUserId,
        realName,
        email,
        timeZone,
        readiness: evaluateReadiness({ calendar: calendarOf(row), conferencing: conferencing.get(employeeId) ?? [], companyProviders: providers, optedOut: toDate(optedOutAt) !== null }),
      };
    });
    if (employees.length < pageSize) return;
    after = last;
    // SQLite answers synchronously inside promises, so without a turn of the event loop a whole walk (a second for
    // 50,000 people) would hold up every Slack request arriving meanwhile, acks included.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
