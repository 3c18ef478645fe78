import type { DutyHolderListQuery, DutyRole } from '@yingji/contracts/shelters.ts';
import type { Insertable, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';
import { inScope } from '../../platform/access/scope.ts';
import { likeText } from '../../platform/search/like.ts';
import type { DutyHoldersTable } from './shelters.tables.ts';

/** A stored duty-holder with the names of the shelter or target they are assigned to (for lists and exports). */
export type DutyHolderRow = Selectable<DutyHoldersTable> & { shelter_name: string | null; target_name: string | null };

function withLinks<Q extends SelectQueryBuilder<Database, 'duty_holders', object>>(q: Q) {
  return q
    .leftJoin('shelters', 'shelters.id', 'duty_holders.shelter_id')
    .leftJoin('protection_targets', 'protection_targets.id', 'duty_holders.target_id')
    .selectAll('duty_holders')
    .select(['shelters.name as shelter_name', 'protection_targets.name as target_name']);
}

function filtered(db: Executor, scopeCode: string, filter: Omit<DutyHolderListQuery, 'limit' | 'offset'>) {
  let q = db.selectFrom('duty_holders').where((eb) => inScope(eb, 'duty_holders.area_code', scopeCode));
  if (filter.areaCode) q = q.where((eb) => inScope(eb, 'duty_holders.area_code', filter.areaCode!));
  if (filter.role) q = q.where('duty_holders.role', '=', filter.role);
  if (filter.shelterId) q = q.where('duty_holders.shelter_id', '=', filter.shelterId);
  if (filter.targetId) q = q.where('duty_holders.target_id', '=', filter.targetId);
  if (filter.q) q = q.where('duty_holders.name', 'like', likeText(filter.q));
  return q;
}

/** 责任人; every query filtered by the caller's scope (the area the person answers for). */
export const dutyHoldersRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<DutyHolderRow | undefined> {
    return db
      .selectFrom('duty_holders')
      .where('duty_holders.id', '=', id)
      .where((eb) => inScope(eb, 'duty_holders.area_code', scopeCode))
      .$call(withLinks)
      .executeTakeFirst();
  },

  async list(db: Executor, scopeCode: string, query: DutyHolderListQuery): Promise<{ rows: DutyHolderRow[]; total: number }> {
    const total = await filtered(db, scopeCode, query)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await filtered(db, scopeCode, query)
      .$call(withLinks)
      .orderBy('duty_holders.area_code')
      .orderBy('duty_holders.role')
      .orderBy('duty_holders.name')
      .orderBy('duty_holders.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rows, total: Number(total.n) };
  },

  all(db: Executor, scopeCode: string): Promise<DutyHolderRow[]> {
    return db
      .selectFrom('duty_holders')
      .where((eb) => inScope(eb, 'duty_holders.area_code', scopeCode))
      .$call(withLinks)
      .orderBy('duty_holders.area_code')
      .orderBy('duty_holders.role')
      .orderBy('duty_holders.name')
      .execute();
  },

  /** The area codes (in scope) that have at least one duty-holder of the role. */
  async coveredAreas(db: Executor, scopeCode: string, role: DutyRole): Promise<Set<string>> {
    const rows = await db
      .selectFrom('duty_holders')
      .select('area_code')
      .distinct()
      .where('role', '=', role)
      .where((eb) => inScope(eb, 'duty_holders.area_code', scopeCode))
      .execute();
    return new Set(rows.map((r) => r.area_code));
  },

  /** How many duty-holders are assigned to a shelter or a target (deleting those is refused while any are). */
  async countLinked(db: Executor, link: { shelterId: string } | { targetId: string }): Promise<number> {
    const q = db.selectFrom('duty_holders').select((eb) => eb.fn.countAll<number>().as('n'));
    const row = await (
      'shelterId' in link ? q.where('shelter_id', '=', link.shelterId) : q.where('target_id', '=', link.targetId)
    ).executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insertMany(db: Executor, rows: Insertable<DutyHoldersTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50) {
      await db
        .insertInto('duty_holders')
        .values(rows.slice(i, i + 50))
        .execute();
    }
  },

  async update(db: Executor, id: string, changes: Updateable<DutyHoldersTable>): Promise<void> {
    await db.updateTable('duty_holders').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('duty_holders').where('id', '=', id).execute();
  },
};
