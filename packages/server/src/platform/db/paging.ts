import { TOTAL_CAP } from '@yingji/contracts/common.ts';
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Executor } from './types.ts';

/** A capped count: exact up to `cap`, and `capped` when more rows match. */
export interface CappedTotal {
  total: number;
  totalCapped: boolean;
}

/**
 * Counts the rows of a filtered query, stopping at `cap` + 1: `select count(*) from (select 1 … limit cap + 1)`.
 * The query's own selection is replaced by a constant, so an index holding the filtered columns answers it alone.
 * Use it for every register that may grow to a million rows; an exact count over a broad scope reads every entry.
 */
export async function cappedTotal<DB, TB extends keyof DB, O>(
  db: Executor,
  filtered: SelectQueryBuilder<DB, TB, O>,
  cap = TOTAL_CAP,
): Promise<CappedTotal> {
  const row = await cappedCountQuery(db, filtered, cap).executeTakeFirstOrThrow();
  const n = Number(row.n);
  return { total: Math.min(n, cap), totalCapped: n > cap };
}

/** The statement cappedTotal runs (benchmarks compile it to time the raw SQL). */
export function cappedCountQuery<DB, TB extends keyof DB, O>(
  db: Executor,
  filtered: SelectQueryBuilder<DB, TB, O>,
  cap = TOTAL_CAP,
) {
  const limited = filtered
    .clearSelect()
    .select(sql<number>`1`.as('one'))
    .limit(cap + 1)
    .as('capped');
  return db.selectFrom(limited).select((eb) => eb.fn.countAll<number>().as('n'));
}

/**
 * The page from rows read with `limit + 1`: the extra row only says whether another page follows.
 * Read pages with `.limit(pageLimit(limit))`.
 */
export function pageRows<T>(rows: T[], limit: number): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}

export const pageLimit = (limit: number) => limit + 1;
