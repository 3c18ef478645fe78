import type { TargetListQuery } from '@yingji/contracts/shelters.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { inScope, narrowScope } from '../../platform/access/scope.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Executor } from '../../platform/db/types.ts';
import { NameIndex, type ContainsFilter } from '../../platform/search/name-index.ts';
import type { ProtectionTargetsTable } from './shelters.tables.ts';

export type TargetRow = Selectable<ProtectionTargetsTable>;

/** 防护目标 names, for "name contains" (platform/search): written with every insert, rename and delete below. */
export const targetNames = new NameIndex('protection_targets_name');

function filtered(
  db: Executor,
  scopeCode: string,
  filter: Omit<TargetListQuery, 'limit' | 'offset'>,
  contains: ContainsFilter | null,
) {
  let q = db.selectFrom('protection_targets').where((eb) => inScope(eb, 'protection_targets.area_code', scopeCode));
  if (filter.type) q = q.where('protection_targets.type', '=', filter.type);
  if (contains) q = q.where('protection_targets.name', 'like', contains.pattern);
  if (contains?.idIn) q = q.where(contains.idIn('protection_targets.id'));
  return q;
}

/** 重要防护目标; every query filtered by the caller's scope. */
export const targetsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<TargetRow | undefined> {
    return db
      .selectFrom('protection_targets')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, 'protection_targets.area_code', scopeCode))
      .executeTakeFirst();
  },

  /** A page in list order (area, name), its count capped (platform/db/paging.ts). */
  async list(
    db: Executor,
    dialect: Dialect,
    scopeCode: string,
    query: TargetListQuery,
  ): Promise<CappedTotal & { rows: TargetRow[]; hasMore: boolean }> {
    const scope = narrowScope(scopeCode, query.areaCode);
    if (scope === null) return { rows: [], total: 0, totalCapped: false, hasMore: false };
    const contains = await targetNames.contains(db, dialect, query.q);
    const rows = await filtered(db, scope, query, contains)
      .selectAll()
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('id')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    return { ...pageRows(rows, query.limit), ...(await cappedTotal(db, filtered(db, scope, query, contains))) };
  },

  /** Entries of that exact name inside an area (Excel rows link to shelters and targets by name). */
  byName(db: Executor, scopeCode: string, areaCode: string, name: string) {
    return db
      .selectFrom('protection_targets')
      .select(['id', 'name'])
      .where('name', '=', name)
      .where((eb) =>
        eb.and([inScope(eb, 'protection_targets.area_code', scopeCode), inScope(eb, 'protection_targets.area_code', areaCode)]),
      )
      .execute();
  },

  all(db: Executor, scopeCode: string): Promise<TargetRow[]> {
    return db
      .selectFrom('protection_targets')
      .selectAll()
      .where((eb) => inScope(eb, 'protection_targets.area_code', scopeCode))
      .orderBy('area_code')
      .orderBy('name')
      .execute();
  },

  /** Inserts targets and indexes their names, in the caller's transaction. */
  async insertMany(db: Executor, dialect: Dialect, rows: Insertable<ProtectionTargetsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) {
      await db
        .insertInto('protection_targets')
        .values(rows.slice(i, i + 50))
        .execute();
    }
    await targetNames.put(
      db,
      dialect,
      rows.map((r) => ({ id: r.id, text: r.name })),
    );
  },

  async update(db: Executor, dialect: Dialect, id: string, changes: Updateable<ProtectionTargetsTable>): Promise<void> {
    await db.updateTable('protection_targets').set(changes).where('id', '=', id).execute();
    if (changes.name !== undefined) await targetNames.put(db, dialect, [{ id, text: changes.name as string }]);
  },

  async remove(db: Executor, dialect: Dialect, id: string): Promise<void> {
    await db.deleteFrom('protection_targets').where('id', '=', id).execute();
    await targetNames.remove(db, dialect, [id]);
  },

  /** System-level: every target, for the spatial search index. */
  everything(db: Executor): Promise<TargetRow[]> {
    return db.selectFrom('protection_targets').selectAll().execute();
  },
};
