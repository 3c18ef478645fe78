import type { ShelterListQuery } from '@yingji/contracts/shelters.ts';
import type { ExpressionBuilder, Insertable, Selectable, Updateable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { SheltersTable } from './shelters.tables.ts';

export type ShelterRow = Selectable<SheltersTable>;

/**
 * The scope filter of every query here: the platform's `inScope` prefix test, plus the same prefix as a range, which
 * SQLite can answer from the area_code index (its LIKE is case-insensitive and so does not use a text index).
 * Area codes are digits, and ':' sorts right after '9'.
 */
export function withinArea<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, areaCode: string) {
  const ref = eb.ref(column as never);
  return eb.and([inScope(eb, column, areaCode), eb(ref, '>=', areaCode as never), eb(ref, '<', `${areaCode}:` as never)]);
}

/** `like` patterns from user text: the wildcards are dropped, so a search for "50%" finds names with "50". */
export function likeText(q: string): string {
  return `%${q.replace(/[%_\\]/g, '')}%`;
}

function filtered(db: Executor, scopeCode: string, filter: Omit<ShelterListQuery, 'limit' | 'offset'>) {
  let q = db.selectFrom('shelters').where((eb) => withinArea(eb, 'shelters.area_code', scopeCode));
  if (filter.areaCode) q = q.where((eb) => withinArea(eb, 'shelters.area_code', filter.areaCode!));
  if (filter.type) q = q.where('shelters.type', '=', filter.type);
  if (filter.grade) q = q.where('shelters.grade', '=', filter.grade);
  if (filter.open !== undefined) q = q.where('shelters.open', '=', filter.open ? 1 : 0);
  if (filter.q) q = q.where('shelters.name', 'like', likeText(filter.q));
  return q;
}

/** Every query is filtered by the caller's scope (a code prefix); out of scope and absent look the same. */
export const sheltersRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<ShelterRow | undefined> {
    return db
      .selectFrom('shelters')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => withinArea(eb, 'shelters.area_code', scopeCode))
      .executeTakeFirst();
  },

  /**
   * byId inside a transaction that is about to change the row: a no-op update first takes the row lock on
   * PostgreSQL (SQLite transactions already run one at a time), so the row read cannot go stale before the write.
   */
  async lockById(db: Executor, scopeCode: string, id: string): Promise<ShelterRow | undefined> {
    await db
      .updateTable('shelters')
      .set((eb) => ({ occupancy: eb.ref('occupancy') }))
      .where('id', '=', id)
      .where((eb) => withinArea(eb, 'shelters.area_code', scopeCode))
      .execute();
    return sheltersRepo.byId(db, scopeCode, id);
  },

  async list(db: Executor, scopeCode: string, query: ShelterListQuery): Promise<{ rows: ShelterRow[]; total: number }> {
    const total = await filtered(db, scopeCode, query)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await filtered(db, scopeCode, query)
      .selectAll()
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rows, total: Number(total.n) };
  },

  /** Every shelter in scope, for exports and the coverage report. */
  /** Entries of that exact name inside an area (Excel rows link to shelters and targets by name). */
  byName(db: Executor, scopeCode: string, areaCode: string, name: string) {
    return db
      .selectFrom('shelters')
      .select(['id', 'name'])
      .where('name', '=', name)
      .where((eb) => eb.and([withinArea(eb, 'shelters.area_code', scopeCode), withinArea(eb, 'shelters.area_code', areaCode)]))
      .execute();
  },

  all(db: Executor, scopeCode: string): Promise<ShelterRow[]> {
    return db
      .selectFrom('shelters')
      .selectAll()
      .where((eb) => withinArea(eb, 'shelters.area_code', scopeCode))
      .orderBy('area_code')
      .orderBy('name')
      .execute();
  },

  async insertMany(db: Executor, rows: Insertable<SheltersTable>[]): Promise<void> {
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 40) {
      await db
        .insertInto('shelters')
        .values(rows.slice(i, i + 40))
        .execute();
    }
  },

  async update(db: Executor, id: string, changes: Updateable<SheltersTable>): Promise<void> {
    await db.updateTable('shelters').set(changes).where('id', '=', id).execute();
  },

  /**
   * Sets or shifts the head count in one statement whose condition re-checks the bounds, so concurrent arrivals can
   * never push it past capacity or below zero. Returns whether the row changed.
   */
  async changeOccupancy(
    db: Executor,
    id: string,
    change: { set: number } | { delta: number },
    capacity: number,
    now: string,
  ): Promise<boolean> {
    let q = db.updateTable('shelters').where('id', '=', id).where('open', '=', 1);
    if ('set' in change) {
      // An absolute count is checked against the bounds by the caller; the statement only needs the row open.
      q = q.set({ occupancy: change.set, updated_at: now });
    } else {
      const next = (eb: ExpressionBuilder<Database, 'shelters'>) => eb('occupancy', '+', change.delta);
      q = q
        .set((eb) => ({ occupancy: next(eb), updated_at: now }))
        .where((eb) => eb.and([eb(next(eb), '>=', 0), eb(next(eb), '<=', capacity)]));
    }
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('shelters').where('id', '=', id).execute();
  },

  /** System-level: every shelter, for the spatial search index (no actor, no scope). */
  everything(db: Executor): Promise<ShelterRow[]> {
    return db.selectFrom('shelters').selectAll().execute();
  },
};
