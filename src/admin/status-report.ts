// The data behind `/integrations status` and the admin's Home: one pass over the workspace gives the
// summary and the people matching the chosen filter, in name order, ready to be paged.
import { z } from 'zod';
import type { Db } from '../db/client';
import type { MissingItem } from '../readiness/readiness';
import { companyProviders } from '../readiness/readiness';
import type { Workspace } from '../workspaces/workspace-service';
import { loadEnterpriseState, type EnterpriseState } from './enterprise-state';
import { matchesFilter, statusFilterSchema, type StatusFilter } from './person-status';
import { streamWorkspaceReadiness } from './readiness-stream';
import { createSummaryAccumulator, type ReadinessSummary } from './readiness-summary';

export const STATUS_PAGE_SIZE = 20;

export interface PersonLine {
  slackUserId: string;
  realName: string;
  missing: MissingItem[];
}

export interface StatusReport {
  summary: ReadinessSummary;
  enterprise: EnterpriseState;
  filter: StatusFilter;
  /** Everyone the filter matches, sorted by name. */
  lines: PersonLine[];
}

/** Where the status list is: carried in the paging buttons' values. */
export const statusPositionSchema = z.object({ p: z.number().int().min(1).max(100_000), f: statusFilterSchema });
export type StatusPosition = z.infer<typeof statusPositionSchema>;

export function encodePosition(position: StatusPosition): string {
  return JSON.stringify(position);
}

/** A tampered or outdated value falls back to the first page rather than failing. */
export function decodePosition(value: string | undefined): StatusPosition {
  try {
    const parsed = statusPositionSchema.safeParse(JSON.parse(value ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON
  }
  return { p: 1, f: 'missing' };
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** `listPeople: false` (the Home tab) skips collecting and sorting the list when only the summary is shown. */
export async function buildStatusReport(db: Db, workspace: Workspace, filter: StatusFilter = 'missing', listPeople = true): Promise<StatusReport> {
  const accumulator = createSummaryAccumulator(companyProviders(workspace.conferencingProviders));
  const lines: PersonLine[] = [];
  const enterprise = await loadEnterpriseState(db, workspace.id);
  for await (const page of streamWorkspaceReadiness(db, workspace)) {
    for (const person of page) {
      accumulator.add(person);
      if (listPeople && matchesFilter(person, filter)) lines.push({ slackUserId: person.slackUserId, realName: person.realName, missing: person.readiness.missing });
    }
  }
  lines.sort((a, b) => byName.compare(a.realName, b.realName) || a.slackUserId.localeCompare(b.slackUserId));
  return { summary: accumulator.result(), enterprise, filter, lines };
}

export interface StatusPage {
  page: number;
  pages: number;
  /** 1-based positions of the first and last line shown (0 and 0 when empty). */
  from: number;
  to: number;
  total: number;
  lines: PersonLine[];
}

/** A page of the list; a page number beyond the end (the list shrank since the click) shows the last page. */
export function pageOf(lines: PersonLine[], page: number, pageSize = STATUS_PAGE_SIZE): StatusPage {
  const pages = Math.max(1, Math.ceil(lines.length / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (current - 1) * pageSize;
  const shown = lines.slice(start, start + pageSize);
  return { page: current, pages, from: shown.length ? start + 1 : 0, to: start + shown.length, total: lines.length, lines: shown };
}
