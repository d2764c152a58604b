// Cronofy-style paging: `pages: {current, total, next_page}` with absolute next_page URLs that
// stay valid, so a retried page fetch returns the same page.
import type { SimContext } from './config';
import { notFound } from './errors';
import { newPageToken } from './ids';
import type { PagedList } from './model';

export function firstPage(ctx: SimContext, accountId: string, listKey: PagedList, items: unknown[]) {
  const pages: unknown[][] = [];
  for (let start = 0; start < items.length; start += ctx.config.pageSize) pages.push(items.slice(start, start + ctx.config.pageSize));
  if (pages.length === 0) pages.push([]);
  const tokens = pages.map(() => newPageToken());
  pages.forEach((_, index) => {
    if (index > 0) ctx.store.pages.set(tokens[index], { accountId, listKey, pages, index, nextToken: tokens[index + 1] });
  });
  return pageBody(ctx, listKey, pages, 0, tokens[1]);
}

export function storedPage(ctx: SimContext, accountId: string, listKey: PagedList, token: string) {
  const page = ctx.store.pages.get(token);
  if (!page || page.accountId !== accountId || page.listKey !== listKey) throw notFound();
  return pageBody(ctx, listKey, page.pages, page.index, page.nextToken);
}

function pageBody(ctx: SimContext, listKey: PagedList, pages: unknown[][], index: number, nextToken?: string) {
  return {
    pages: {
      current: index + 1,
      total: pages.length,
      ...(nextToken ? { next_page: `${ctx.baseUrl}/v1/${listKey}/pages/${nextToken}` } : {}),
    },
    [listKey]: pages[index],
  };
}
