import type { TargetListQuery } from '@yingji/contracts/shelters.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/types.ts';
import { likeText, withinArea } from './shelters.repo.ts';
import type { ProtectionTargetsTable } from './shelters.tables.ts';

export type TargetRow = Selectable<ProtectionTargetsTable>;

function filtered(db: Executor, scopeCode: string, filter: Omit<TargetListQuery, 'limit' | 'offset'>) {
  let q = db.selectFrom('protection_targets').where((eb) => withinArea(eb, 'protection_targets.area_code', scopeCode));
  if (filter.areaCode) q = q.where((eb) => withinArea(eb, 'protection_targets.area_code', filter.areaCode!));
  if (filter.type) q = q.where('protection_targets.type', '=', filter.type);
  if (filter.q) q = q.where('protection_targets.name', 'like', likeText(filter.q));
  return q;
}

/** 重要防护目标; every query filtered by the caller's scope. */
export const targetsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<TargetRow | undefined> {
    return db
      .selectFrom('protection_targets')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => withinArea(eb, 'protection_targets.area_code', scopeCode))
      .executeTakeFirst();
  },

  async list(db: Executor, scopeCode: string, query: TargetListQuery): Promise<{ rows: TargetRow[]; total: number }> {
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

  /** Entries of that exact name inside an area (Excel rows link to shelters and targets by name). */
  byName(db: Executor, scopeCode: string, areaCode: string, name: string) {
    return db
      .selectFrom('protection_targets')
      .select(['id', 'name'])
      .where('name', '=', name)
      .where((eb) =>
        eb.and([
          withinArea(eb, 'protection_targets.area_code', scopeCode),
          withinArea(eb, 'protection_targets.area_code', areaCode),
        ]),
      )
      .execute();
  },

  all(db: Executor, scopeCode: string): Promise<TargetRow[]> {
    return db
      .selectFrom('protection_targets')
      .selectAll()
      .where((eb) => withinArea(eb, 'protection_targets.area_code', scopeCode))
      .orderBy('area_code')
      .orderBy('name')
      .execute();
  },

  async insertMany(db: Executor, rows: Insertable<ProtectionTargetsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) {
      await db
        .insertInto('protection_targets')
        .values(rows.slice(i, i + 50))
        .execute();
    }
  },

  async update(db: Executor, id: string, changes: Updateable<ProtectionTargetsTable>): Promise<void> {
    await db.updateTable('protection_targets').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('protection_targets').where('id', '=', id).execute();
  },

  /** System-level: every target, for the spatial search index. */
  everything(db: Executor): Promise<TargetRow[]> {
    return db.selectFrom('protection_targets').selectAll().execute();
  },
};
