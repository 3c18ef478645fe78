import type { ShelterListQuery } from '@yingji/contracts/shelters.ts';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
  type Updateable,
} from 'kysely';
import { inScope, narrowScope } from '../../platform/access/scope.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';
import { NameIndex, type ContainsFilter } from '../../platform/search/name-index.ts';
import type { SheltersTable } from './shelters.tables.ts';

export type ShelterRow = Selectable<SheltersTable>;

/** 避难场所 names, for "name contains" (platform/search): written with every insert, rename and delete below. */
export const shelterNames = new NameIndex('shelters_name');

type ShelterFilter = Omit<ShelterListQuery, 'limit' | 'offset'>;

/**
 * Which index drives a list on SQLite (PostgreSQL plans on its statistics). With type, grade and open all given,
 * `shelters_kind` (type, grade, open, area_code, name, id) holds the matches in list order; otherwise the page walks
 * `shelters_area_name` in list order and the count runs along `shelters_area_filters`, and the filter columns are
 * hidden from the planner with SQLite's unary `+` so it never sorts a whole type's rows through the kind index. A
 * name search with few matches is driven by the name index instead (NameIndex.contains).
 */
const drivenByKind = (filter: ShelterFilter) => Boolean(filter.type && filter.grade && filter.open !== undefined);

function filtered(db: Executor, dialect: Dialect, scopeCode: string, filter: ShelterFilter, contains: ContainsFilter | null) {
  const hide = dialect === 'sqlite' && !drivenByKind(filter);
  const column = (eb: ExpressionBuilder<Database, 'shelters'>, name: 'type' | 'grade' | 'open') =>
    hide ? sql<string>`+${sql.ref(`shelters.${name}`)}` : eb.ref(`shelters.${name}`);
  return db.selectFrom('shelters').where((eb) => {
    const terms: Expression<SqlBool>[] = [inScope(eb, 'shelters.area_code', scopeCode)];
    if (filter.type) terms.push(eb(column(eb, 'type'), '=', filter.type));
    if (filter.grade) terms.push(eb(column(eb, 'grade'), '=', filter.grade));
    if (filter.open !== undefined) terms.push(eb(column(eb, 'open'), '=', filter.open ? 1 : 0));
    if (contains) terms.push(eb('shelters.name', 'like', contains.pattern));
    if (contains?.idIn) terms.push(contains.idIn('shelters.id'));
    return eb.and(terms);
  });
}

/** Every query is filtered by the caller's scope (a code prefix); out of scope and absent look the same. */
export const sheltersRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<ShelterRow | undefined> {
    return db
      .selectFrom('shelters')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, 'shelters.area_code', scopeCode))
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
      .where((eb) => inScope(eb, 'shelters.area_code', scopeCode))
      .execute();
    return sheltersRepo.byId(db, scopeCode, id);
  },

  /** A page in list order (area, name), its count capped (platform/db/paging.ts). */
  async list(
    db: Executor,
    dialect: Dialect,
    scopeCode: string,
    query: ShelterListQuery,
  ): Promise<CappedTotal & { rows: ShelterRow[]; hasMore: boolean }> {
    const scope = narrowScope(scopeCode, query.areaCode);
    if (scope === null) return { rows: [], total: 0, totalCapped: false, hasMore: false };
    const contains = await shelterNames.contains(db, dialect, query.q);
    const rows = await filtered(db, dialect, scope, query, contains)
      .selectAll()
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('id')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    return { ...pageRows(rows, query.limit), ...(await cappedTotal(db, filtered(db, dialect, scope, query, contains))) };
  },

  /** Every shelter in scope, for exports and the coverage report. */
  /** Entries of that exact name inside an area (Excel rows link to shelters and targets by name). */
  byName(db: Executor, scopeCode: string, areaCode: string, name: string) {
    return db
      .selectFrom('shelters')
      .select(['id', 'name'])
      .where('name', '=', name)
      .where((eb) => eb.and([inScope(eb, 'shelters.area_code', scopeCode), inScope(eb, 'shelters.area_code', areaCode)]))
      .execute();
  },

  all(db: Executor, scopeCode: string): Promise<ShelterRow[]> {
    return db
      .selectFrom('shelters')
      .selectAll()
      .where((eb) => inScope(eb, 'shelters.area_code', scopeCode))
      .orderBy('area_code')
      .orderBy('name')
      .execute();
  },

  /** Inserts shelters and indexes their names, in the caller's transaction. */
  async insertMany(db: Executor, dialect: Dialect, rows: Insertable<SheltersTable>[]): Promise<void> {
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 40) {
      await db
        .insertInto('shelters')
        .values(rows.slice(i, i + 40))
        .execute();
    }
    await shelterNames.put(
      db,
      dialect,
      rows.map((r) => ({ id: r.id, text: r.name })),
    );
  },

  async update(db: Executor, dialect: Dialect, id: string, changes: Updateable<SheltersTable>): Promise<void> {
    await db.updateTable('shelters').set(changes).where('id', '=', id).execute();
    if (changes.name !== undefined) await shelterNames.put(db, dialect, [{ id, text: changes.name as string }]);
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

  async remove(db: Executor, dialect: Dialect, id: string): Promise<void> {
    await db.deleteFrom('shelters').where('id', '=', id).execute();
    await shelterNames.remove(db, dialect, [id]);
  },

  /** System-level: every shelter, for the spatial search index (no actor, no scope). */
  everything(db: Executor): Promise<ShelterRow[]> {
    return db.selectFrom('shelters').selectAll().execute();
  },
};
