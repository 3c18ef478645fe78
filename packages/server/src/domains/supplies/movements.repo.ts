import type { MovementQuery } from '@yingji/contracts/supplies.ts';
import { sql, type ExpressionBuilder } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { cappedCountQuery, cappedTotal, pageLimit, pageRows } from '../../platform/db/paging.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';

export type MovementFilter = Omit<MovementQuery, 'limit' | 'offset'>;

/**
 * Which index drives a ledger query. The ordered indexes end in `at` (and SQLite appends the rowid), so a page comes
 * off them newest first with no sort, and a date range narrows the same index. Without statistics SQLite's planner
 * often takes a worse index (a date range sorted, a rare type scanned for a kind), so on SQLite the repo names the
 * driver by disqualifying the other indexed columns with unary `+` (SQLite's documented way). PostgreSQL keeps
 * statistics and plans on its own.
 */
export type Driver =
  | 'reference'
  | 'batch'
  | 'warehouse_kind'
  | 'warehouse'
  | 'area'
  | 'kind'
  | 'type'
  | 'at'
  | 'scoped_warehouses'
  | 'scoped_warehouses_kind';

/** The columns each driver's index serves; every other filter is checked row by row along it. */
const SERVED: Record<Driver, string[]> = {
  reference: ['reference'],
  batch: ['batch_no'],
  warehouse_kind: ['warehouse_id', 'kind_id', 'at'],
  warehouse: ['warehouse_id', 'at'],
  area: ['area_code', 'at'],
  kind: ['kind_id', 'at'],
  type: ['type', 'at'],
  at: ['at'],
  scoped_warehouses: ['warehouse_id', 'at'],
  scoped_warehouses_kind: ['warehouse_id', 'kind_id', 'at'],
};

export interface LedgerPlan {
  /** Reads the page in order: the most selective filter's index. */
  page: Driver;
  /**
   * Counts: the page's index, except that a scope narrower than the whole ledger is counted through its own
   * warehouses (a short list), where every row examined is a match, rather than along a kind or a date.
   */
  count: Driver;
  /** The warehouses of a narrower scope; null when the scope holds every warehouse. */
  scopedWarehouses: string[] | null;
}

export function planFor(filter: MovementFilter, scopeCode: string, scopedWarehouses: string[] | null): LedgerPlan {
  // A village's scope is exactly its own area code (warehouses are managed at 6, 9 or 12 digits).
  const village = scopeCode.length === 12;
  const page: Driver = filter.reference
    ? 'reference'
    : filter.batchNo
      ? 'batch'
      : filter.warehouseId && filter.kindId
        ? 'warehouse_kind'
        : filter.warehouseId
          ? 'warehouse'
          : village
            ? 'area'
            : filter.kindId
              ? 'kind'
              : filter.type
                ? 'type'
                : 'at';
  const narrow = scopedWarehouses !== null && ['kind', 'type', 'at'].includes(page);
  const count: Driver = narrow ? (filter.kindId ? 'scoped_warehouses_kind' : 'scoped_warehouses') : page;
  return { page, count, scopedWarehouses };
}

type Eb = ExpressionBuilder<Database & { m: Database['supply_movements'] }, 'm'>;

function filtered(db: Executor, dialect: Dialect, scopeCode: string, filter: MovementFilter, plan: LedgerPlan, driver: Driver) {
  const column = (eb: Eb, name: string) =>
    dialect === 'sqlite' && !SERVED[driver].includes(name) ? sql`+${sql.ref(`m.${name}`)}` : eb.ref(`m.${name}` as 'm.at');
  return db.selectFrom('supply_movements as m').where((eb) => {
    const terms = [inScope(eb, 'm.area_code', scopeCode)];
    if (driver === 'area') terms.push(eb(column(eb, 'area_code'), '=', scopeCode));
    if (driver.startsWith('scoped_')) terms.push(eb(column(eb, 'warehouse_id'), 'in', plan.scopedWarehouses!));
    if (filter.warehouseId) terms.push(eb(column(eb, 'warehouse_id'), '=', filter.warehouseId));
    if (filter.kindId) terms.push(eb(column(eb, 'kind_id'), '=', filter.kindId));
    if (filter.type) terms.push(eb(column(eb, 'type'), '=', filter.type));
    if (filter.batchNo) terms.push(eb(column(eb, 'batch_no'), '=', filter.batchNo));
    if (filter.reference) terms.push(eb(column(eb, 'reference'), '=', filter.reference));
    if (filter.from) terms.push(eb(column(eb, 'at'), '>=', new Date(filter.from).toISOString()));
    if (filter.to) terms.push(eb(column(eb, 'at'), '<', new Date(filter.to).toISOString()));
    return eb.and(terms);
  });
}

export const movementsRepo = {
  /** The page query: newest first, one row beyond the page to tell whether more follow, names joined. */
  pageQuery(
    db: Executor,
    dialect: Dialect,
    scopeCode: string,
    filter: MovementFilter,
    plan: LedgerPlan,
    limit: number,
    offset: number,
  ) {
    return filtered(db, dialect, scopeCode, filter, plan, plan.page)
      .innerJoin('supply_warehouses as w', 'w.id', 'm.warehouse_id')
      .innerJoin('supply_kinds as k', 'k.id', 'm.kind_id')
      .selectAll('m')
      .select(['w.name as warehouse_name', 'k.name as kind_name', 'k.unit'])
      .orderBy('m.at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(pageLimit(limit))
      .offset(offset);
  },

  /** The count, stopped at TOTAL_CAP + 1 rows (the platform's capped count). */
  countQuery(db: Executor, dialect: Dialect, scopeCode: string, filter: MovementFilter, plan: LedgerPlan) {
    return cappedCountQuery(db, filtered(db, dialect, scopeCode, filter, plan, plan.count));
  },

  /** One page of the ledger, newest first, with a count capped at TOTAL_CAP. */
  async page(
    db: Executor,
    dialect: Dialect,
    scopeCode: string,
    filter: MovementFilter,
    plan: LedgerPlan,
    limit: number,
    offset: number,
  ) {
    const page = pageRows(await movementsRepo.pageQuery(db, dialect, scopeCode, filter, plan, limit, offset).execute(), limit);
    const counted = await cappedTotal(db, filtered(db, dialect, scopeCode, filter, plan, plan.count));
    return { rows: page.rows, hasMore: page.hasMore, total: counted.total, capped: counted.totalCapped };
  },

  /** Movements by id, with names: what a write returns to its caller. */
  byIds(db: Executor, ids: number[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('supply_movements as m')
      .innerJoin('supply_warehouses as w', 'w.id', 'm.warehouse_id')
      .innerJoin('supply_kinds as k', 'k.id', 'm.kind_id')
      .selectAll('m')
      .select(['w.name as warehouse_name', 'k.name as kind_name', 'k.unit'])
      .where('m.id', 'in', ids)
      .orderBy('m.id')
      .execute();
  },
};

export type MovementView = Awaited<ReturnType<typeof movementsRepo.byIds>>[number];
