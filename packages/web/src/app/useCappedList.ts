import { TOTAL_CAP, type CappedPage } from '@yingji/contracts/common.ts';
import { useState } from 'react';
import { usePagedList, type PagedList } from './usePagedList.ts';

/**
 * One page of a large register whose count stops at TOTAL_CAP (contracts/common.ts: zCappedPage). Beyond the counted
 * rows the pager offers one more page while more rows follow, and `capped` says to show "1000 条以上".
 */
export function useCappedList<T>(
  load: (limit: number, offset: number, signal: AbortSignal) => Promise<CappedPage<T>>,
  page: number,
  pageSize: number,
  deps: readonly unknown[],
): PagedList<T> & { capped: boolean } {
  const [capped, setCapped] = useState(false);
  const list = usePagedList(
    async (limit, offset, signal) => {
      const p = await load(limit, offset, signal);
      setCapped(p.totalCapped);
      return { items: p.items, total: Math.max(p.total, offset + p.items.length + (p.hasMore ? 1 : 0)) };
    },
    page,
    pageSize,
    deps,
  );
  return { ...list, capped };
}

/** The pager's total: "共 N 支队伍", or "1000 条以上" when the count stopped at the cap. */
export function cappedTotalText(total: number, capped: boolean, unit: string): string {
  return capped ? `${TOTAL_CAP} 条以上` : `共 ${total} ${unit}`;
}

/** Every page of a list (maps, pickers): follows `hasMore` where the list says it, else the total. */
export async function fetchEveryPage<T>(
  load: (limit: number, offset: number) => Promise<{ items: T[]; total: number; hasMore?: boolean }>,
  /** The largest page the list's API allows (most cap it at 500). */
  pageSize = 500,
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await load(pageSize, offset);
    items.push(...page.items);
    const more = page.hasMore ?? items.length < page.total;
    if (page.items.length < pageSize || !more) return items;
  }
}
