// Evaluates every active employee of a workspace in one ordered pass, a page at a time, for the status
// summary, its paged list and the CSV export alike (so their numbers always agree).
// Unlike iterateWorkspaceReadiness (Prisma `include` of every column), each page is two plain SQL
// queries selecting only what readiness needs: employees joined with their calendar, then the page's
// conferencing rows by employee id range. That is several times faster, which keeps `/integrations
// status` for 50,000 people within a second or two. The SQL is portable (quoted identifiers, bound
// parameters) and runs unchanged on SQLite and PostgreSQL.
import type { Db } from '../db/client';
import type { EmployeeReadiness } from '../readiness/load-readiness';
import { companyProviders, evaluateReadiness, type CalendarFacts, type CompanyProvider, type ConferencingFacts, type ConnectionState } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';

export const READINESS_PAGE_SIZE = 1000;

interface EmployeeRow {
  id: string;
  slackUserId: string;
  realName: string;
  email: string | null;
  timeZone: string;
  optedOutAt: unknown;
  /** Calendar columns: all null when the person has no CalendarConnection row. */
  calendarId: string | null;
  state: string | null;
  reason: string | null;
  providerName: string | null;
  providerProtocol: string | null;
  integratedConferencing: unknown;
  relinkUrl: string | null;
  viaEnterpriseConnect: unknown;
  lastCheckedAt: unknown;
}

interface ConferencingRow {
  employeeId: string;
  provider: string;
  state: string;
  reason: string | null;
  profileId: string | null;
  relinkUrl: string | null;
  lastCheckedAt: unknown;
}

// Drivers differ in how raw results come back (booleans as 0/1, instants as strings or numbers): normalise here.
const toBool = (value: unknown) => value === true || value === 1 || value === 1n || value === '1' || value === 'true';
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === 'bigint' ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

function calendarOf(row: EmployeeRow): CalendarFacts | null {
  if (row.calendarId === null) return null;
  return {
    state: (row.state ?? 'not_connected') as ConnectionState,
    reason: row.reason,
    providerName: row.providerName,
    providerProtocol: row.providerProtocol,
    integratedConferencing: toBool(row.integratedConferencing),
    relinkUrl: row.relinkUrl,
    viaEnterpriseConnect: toBool(row.viaEnterpriseConnect),
    lastCheckedAt: toDate(row.lastCheckedAt),
  };
}

function conferencingOf(row: ConferencingRow): ConferencingFacts {
  return { provider: row.provider, state: row.state as ConnectionState, reason: row.reason, profileId: row.profileId, relinkUrl: row.relinkUrl, lastCheckedAt: toDate(row.lastCheckedAt) };
}

export interface StreamOptions {
  pageSize?: number;
  /** Evaluate against these providers instead of the company's setting. */
  providers?: CompanyProvider[];
}

/** Pages of evaluated employees, in employee id order (the database's collation). */
export async function* streamWorkspaceReadiness(db: Db, workspace: Workspace, options: StreamOptions = {}): AsyncGenerator<EmployeeReadiness[]> {
  const pageSize = options.pageSize ?? READINESS_PAGE_SIZE;
  const providers = options.providers ?? companyProviders(workspace.conferencingProviders);
  // Every id sorts after the empty string, so '' starts the walk without a special first query.
  let after = '';
  for (;;) {
    const employees = await db.$queryRaw<EmployeeRow[]>`
      SELECT e."id", e."slackUserId", e."realName", e."email", e."timeZone", e."optedOutAt",
             c."id" AS "calendarId", c."state", c."reason", c."providerName", c."providerProtocol",
             c."integratedConferencing", c."relinkUrl", c."viaEnterpriseConnect", c."lastCheckedAt"
      FROM "Employee" e
      LEFT JOIN "CalendarConnection" c ON c."employeeId" = e."id"
      WHERE e."workspaceId" = ${workspace.id} AND e."deactivatedAt" IS NULL AND e."id" > ${after}
      ORDER BY e."id"
      LIMIT ${pageSize}`;
    if (employees.length === 0) return;
    const last = employees[employees.length - 1].id;
    const conferencingRows = await db.$queryRaw<ConferencingRow[]>`
      SELECT f."employeeId", f."provider", f."state", f."reason", f."profileId", f."relinkUrl", f."lastCheckedAt"
      FROM "ConferencingConnection" f
      JOIN "Employee" e ON e."id" = f."employeeId"
      WHERE e."workspaceId" = ${workspace.id} AND e."deactivatedAt" IS NULL AND e."id" > ${after} AND e."id" <= ${last}`;
    const conferencing = new Map<string, ConferencingFacts[]>();
    for (const row of conferencingRows) {
      const list = conferencing.get(row.employeeId);
      if (list) list.push(conferencingOf(row));
      else conferencing.set(row.employeeId, [conferencingOf(row)]);
    }
    yield employees.map((row) => ({
      employeeId: row.id,
      slackUserId: row.slackUserId,
      realName: row.realName,
      email: row.email,
      timeZone: row.timeZone,
      readiness: evaluateReadiness({ calendar: calendarOf(row), conferencing: conferencing.get(row.id) ?? [], companyProviders: providers, optedOut: toDate(row.optedOutAt) !== null }),
    }));
    if (employees.length < pageSize) return;
    after = last;
    // SQLite answers synchronously inside promises, so without a turn of the event loop a whole walk (a second for
    // 50,000 people) would hold up every Slack request arriving meanwhile, acks included.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
