// Loads stored connection states and evaluates readiness for one employee or a whole workspace.
import type { Db } from '../db/client';
import type { Workspace } from '../workspaces/workspace-service';
import { companyProviders, evaluateReadiness, type CalendarFacts, type ConnectionState, type Readiness } from './readiness';

type CalendarRow = {
  state: string;
  reason: string | null;
  providerName: string | null;
  providerProtocol: string | null;
  integratedConferencing: boolean;
  relinkUrl: string | null;
  viaEnterpriseConnect: boolean;
  lastCheckedAt: Date | null;
};

export function calendarFacts(row: CalendarRow | null | undefined): CalendarFacts | null {
  if (!row) return null;
  return { ...row, state: row.state as ConnectionState };
}

export interface EmployeeReadiness {
  employeeId: string;
  slackUserId: string;
  realName: string;
  email: string | null;
  timeZone: string;
  readiness: Readiness;
}

const include = { calendar: true, conferencing: true } as const;

export async function loadEmployeeReadiness(db: Db, workspace: Workspace, employeeId: string): Promise<EmployeeReadiness> {
  const employee = await db.employee.findUniqueOrThrow({ where: { id: employeeId }, include });
  return toEmployeeReadiness(employee, companyProviders(workspace.conferencingProviders));
}

/** Active employees of a workspace in name order, read in pages so memory stays flat for large companies. */
export async function* iterateWorkspaceReadiness(db: Db, workspace: Workspace, pageSize = 1000): AsyncGenerator<EmployeeReadiness> {
  const providers = companyProviders(workspace.conferencingProviders);
  let cursor: string | undefined;
  for (;;) {
    const page = await db.employee.findMany({
      where: { workspaceId: workspace.id, deactivatedAt: null },
      include,
      orderBy: { id: 'asc' },
      take: pageSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    for (const employee of page) yield toEmployeeReadiness(employee, providers);
    if (page.length < pageSize) return;
    cursor = page[page.length - 1].id;
  }
}

function toEmployeeReadiness(
  employee: { id: string; slackUserId: string; realName: string; email: string | null; timeZone: string; optedOutAt: Date | null; calendar: CalendarRow | null; conferencing: Array<{ provider: string; state: string; reason: string | null; profileId: string | null; relinkUrl: string | null; lastCheckedAt: Date | null }> },
  providers: ReturnType<typeof companyProviders>,
): EmployeeReadiness {
  return {
    employeeId: employee.id,
    slackUserId: employee.slackUserId,
    realName: employee.realName,
    email: employee.email,
    timeZone: employee.timeZone,
    readiness: evaluateReadiness({
      calendar: calendarFacts(employee.calendar),
      conferencing: employee.conferencing.map((c) => ({ ...c, state: c.state as ConnectionState })),
      companyProviders: providers,
      optedOut: employee.optedOutAt !== null,
    }),
  };
}
