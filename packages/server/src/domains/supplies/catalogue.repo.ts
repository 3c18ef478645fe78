import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/types.ts';
import type { SupplyKindsTable } from './supplies.tables.ts';

export type KindRow = Selectable<SupplyKindsTable>;

const likeText = (q: string) => `%${q.replace(/[%_\\]/g, '')}%`;

/**
 * The catalogue (品目) is county-wide reference data shared by every warehouse, like a 储备目录: it has no area, so
 * its reads are not scoped; who may change it is decided by the 'supplies:catalogue' permission.
 */
export const catalogueRepo = {
  byId(db: Executor, id: string): Promise<KindRow | undefined> {
    return db.selectFrom('supply_kinds').selectAll().where('id', '=', id).executeTakeFirst();
  },

  byName(db: Executor, name: string): Promise<KindRow | undefined> {
    return db.selectFrom('supply_kinds').selectAll().where('name', '=', name).executeTakeFirst();
  },

  async byIds(db: Executor, ids: string[]): Promise<Map<string, KindRow>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('supply_kinds').selectAll().where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  all(db: Executor): Promise<KindRow[]> {
    return db.selectFrom('supply_kinds').selectAll().orderBy('category').orderBy('name').execute();
  },

  async list(
    db: Executor,
    filter: { q?: string; category?: string; limit: number; offset: number },
  ): Promise<{ rows: KindRow[]; total: number }> {
    let q = db.selectFrom('supply_kinds');
    if (filter.q) q = q.where('name', 'like', likeText(filter.q));
    if (filter.category) q = q.where('category', '=', filter.category);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('category').orderBy('name').limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: Number(total.n) };
  },

  async insert(db: Executor, row: Insertable<SupplyKindsTable>): Promise<void> {
    await db.insertInto('supply_kinds').values(row).execute();
  },

  async update(db: Executor, id: string, changes: Updateable<SupplyKindsTable>): Promise<void> {
    await db.updateTable('supply_kinds').set(changes).where('id', '=', id).execute();
  },
};
