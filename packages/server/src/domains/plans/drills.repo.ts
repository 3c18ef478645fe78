import type { DrillListQuery } from '@yingji/contracts/plans-drills.ts';
import type { Expression, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import { inScope, narrowScope } from '../../platform/access/scope.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { DrillsTable } from './plans.tables.ts';

export type DrillRow = Selectable<DrillsTable> & { plan_name: string };

function filtered(db: Executor, scopeCode: string, filter: Omit<DrillListQuery, 'limit' | 'offset'>) {
  return db
    .selectFrom('drills')
    .innerJoin('plans', 'plans.id', 'drills.plan_id')
    .where((eb) => {
      const terms: Expression<SqlBool>[] = [inScope(eb, 'drills.area_code', scopeCode)];
      if (filter.planId) terms.push(eb('drills.plan_id', '=', filter.planId));
      if (filter.type) terms.push(eb('drills.type', '=', filter.type));
      if (filter.state) terms.push(eb('drills.state', '=', filter.state));
      if (filter.from) terms.push(eb('drills.planned_on', '>=', filter.from));
      if (filter.to) terms.push(eb('drills.planned_on', '<=', filter.to));
      return eb.and(terms);
    });
}

/** Every read is filtered by the drill's own area (where it is held) within the actor's scope. */
export const drillsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<DrillRow | undefined> {
    return db
      .selectFrom('drills')
      .innerJoin('plans', 'plans.id', 'drills.plan_id')
      .selectAll('drills')
      .select('plans.name as plan_name')
      .where('drills.id', '=', id)
      .where((eb) => inScope(eb, 'drills.area_code', scopeCode))
      .executeTakeFirst();
  },

  /** byId in a transaction about to change the row (the row lock first on PostgreSQL). */
  async lockById(db: Executor, scopeCode: string, id: string): Promise<DrillRow | undefined> {
    await db
      .updateTable('drills')
      .set((eb) => ({ state: eb.ref('state') }))
      .where('id', '=', id)
      .execute();
    return drillsRepo.byId(db, scopeCode, id);
  },

  /** The calendar: drills in scope by planned date, then title. */
  async list(
    db: Executor,
    scopeCode: string,
    query: DrillListQuery,
  ): Promise<CappedTotal & { rows: DrillRow[]; hasMore: boolean }> {
    const scope = narrowScope(scopeCode, query.areaCode);
    if (scope === null) return { rows: [], total: 0, totalCapped: false, hasMore: false };
    const rows = await filtered(db, scope, query)
      .selectAll('drills')
      .select('plans.name as plan_name')
      .orderBy('drills.planned_on')
      .orderBy('drills.title')
      .orderBy('drills.id')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    return { ...pageRows(rows, query.limit), ...(await cappedTotal(db, filtered(db, scope, query))) };
  },

  /** Per plan lineage: the last drill carried out and the next one planned from `today` (the frequency check). */
  async lineageDates(db: Executor, lineageIds: readonly string[], today: string) {
    if (lineageIds.length === 0) return new Map<string, { last: string | null; next: string | null }>();
    const [done, planned] = await Promise.all([
      db
        .selectFrom('drills')
        .select(['plan_lineage_id', (eb) => eb.fn.max('conducted_on').as('last')])
        .where('plan_lineage_id', 'in', lineageIds)
        .where('state', 'in', ['conducted', 'evaluated'])
        .groupBy('plan_lineage_id')
        .execute(),
      db
        .selectFrom('drills')
        .select(['plan_lineage_id', (eb) => eb.fn.min('planned_on').as('next')])
        .where('plan_lineage_id', 'in', lineageIds)
        .where('state', '=', 'planned')
        .where('planned_on', '>=', today)
        .groupBy('plan_lineage_id')
        .execute(),
    ]);
    const dates = new Map<string, { last: string | null; next: string | null }>();
    for (const id of lineageIds) dates.set(id, { last: null, next: null });
    for (const r of done) dates.get(r.plan_lineage_id)!.last = (r.last as string | null) ?? null;
    for (const r of planned) dates.get(r.plan_lineage_id)!.next = (r.next as string | null) ?? null;
    return dates;
  },

  async insertMany(db: Executor, rows: Insertable<DrillsTable>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('drills').values(rows).execute();
  },

  async update(db: Executor, id: string, changes: Updateable<DrillsTable>): Promise<void> {
    await db.updateTable('drills').set(changes).where('id', '=', id).execute();
  },
};
