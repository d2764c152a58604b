// The data behind `/integrations status` and the admin's Home: one pass over the workspace gives the
// summary and the people matching the chosen filter, in name order, ready to be paged.
import { z } from 'zod';
import type { AppContext } from '../app-context';
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

export interface StatusPage {
  page: number;
  pages: number;
  /** 1-based positions of the first and last line shown (0 and 0 when empty). */
  from: number;
  to: number;
  total: number;
  lines: PersonLine[];
}

export interface StatusReport {
  summary: ReadinessSummary;
  enterprise: EnterpriseState;
  filter: StatusFilter;
  /** One page of the people the filter matches, in name order (null when only the summary was asked for). */
  page: StatusPage | null;
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
const inNameOrder = (a: PersonLine, b: PersonLine) => byName.compare(a.realName, b.realName) || a.slackUserId.localeCompare(b.slackUserId);

/**
 * The first `limit` of any number of lines in name order, without holding or sorting them all: a line that sorts
 * after the current last kept one is only counted (most of them, once the first page is full).
 */
function firstInNameOrder(limit: number) {
  let kept: PersonLine[] = [];
  let candidates: PersonLine[] = [];
  let total = 0;
  const merge = () => {
    kept = [...kept, ...candidates].sort(inNameOrder).slice(0, limit);
    candidates = [];
  };
  return {
    offer(line: PersonLine) {
      total += 1;
      if (kept.length === limit && inNameOrder(line, kept[limit - 1]) >= 0) return;
      candidates.push(line);
      if (candidates.length >= Math.max(limit, 256)) merge();
    },
    result(): { lines: PersonLine[]; total: number } {
      merge();
      return { lines: kept, total };
    },
  };
}

/** The page asked for; a page number beyond the end (the list shrank since the click) shows the last page. */
function pageFrom(first: PersonLine[], total: number, page: number, pageSize: number): StatusPage {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const start = (current - 1) * pageSize;
  const shown = first.slice(start, start + pageSize);
  return { page: current, pages, from: shown.length ? start + 1 : 0, to: start + shown.length, total, lines: shown };
}

/**
 * One pass over the workspace: the summary, and page `page` of the people matching `filter` (`page: null`, for the
 * Home tab, skips the list).
 */
export async function buildStatusReport(
  ctx: Pick<AppContext, 'db' | 'rawSql'>,
  workspace: Workspace,
  options: { filter?: StatusFilter; page: number | null; pageSize?: number } = { page: 1 },
): Promise<StatusReport> {
  const filter = options.filter ?? 'missing';
  const pageSize = options.pageSize ?? STATUS_PAGE_SIZE;
  const accumulator = createSummaryAccumulator(companyProviders(workspace.conferencingProviders));
  const list = options.page === null ? null : firstInNameOrder(Math.max(1, Math.floor(options.page)) * pageSize);
  const enterprise = await loadEnterpriseState(ctx.db, workspace.id);
  for await (const people of streamWorkspaceReadiness(ctx.rawSql, workspace)) {
    for (const person of people) {
      accumulator.add(person);
      if (list && matchesFilter(person, filter)) list.offer({ slackUserId: person.slackUserId, realName: person.realName, missing: person.readiness.missing });
    }
  }
  const first = list?.result();
  return { summary: accumulator.result(), enterprise, filter, page: first && options.page !== null ? pageFrom(first.lines, first.total, options.page, pageSize) : null };
}
