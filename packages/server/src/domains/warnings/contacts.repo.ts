import type { ContactListQuery } from '@yingji/contracts/warnings.ts';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { inScope, narrowScope } from '../../platform/access/scope.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Executor } from '../../platform/db/types.ts';
import { likeText } from '../../platform/search/like.ts';
import type { WarningContactsTable } from './warnings.tables.ts';

export type ContactRow = Selectable<WarningContactsTable>;

function filtered(db: Executor, scopeCode: string, filter: Omit<ContactListQuery, 'limit' | 'offset' | 'areaCode'>) {
  let q = db.selectFrom('warning_contacts').where((eb) => inScope(eb, 'warning_contacts.area_code', scopeCode));
  if (filter.group) q = q.where('grp', '=', filter.group);
  if (filter.special === true) q = q.where('special_need', 'is not', null);
  if (filter.special === false) q = q.where('special_need', 'is', null);
  // "Name contains": a village's few hundred names, scanned within the scope's index range.
  if (filter.q) q = q.where('name', 'like', likeText(filter.q));
  return q;
}

/** 预警接收人; every query filtered by the caller's scope (the village or group the person is registered in). */
export const contactsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<ContactRow | undefined> {
    return db
      .selectFrom('warning_contacts')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, 'warning_contacts.area_code', scopeCode))
      .executeTakeFirst();
  },

  /** A page in list order (area, name) — the index warning_contacts_area_name — its count capped. */
  async list(
    db: Executor,
    scopeCode: string,
    query: ContactListQuery,
  ): Promise<CappedTotal & { rows: ContactRow[]; hasMore: boolean }> {
    const scope = narrowScope(scopeCode, query.areaCode);
    if (scope === null) return { rows: [], total: 0, totalCapped: false, hasMore: false };
    const rows = await filtered(db, scope, query)
      .selectAll()
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('id')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    return { ...pageRows(rows, query.limit), ...(await cappedTotal(db, filtered(db, scope, query))) };
  },

  /** Everything in scope, in list order (the Excel export). */
  all(db: Executor, scopeCode: string): Promise<ContactRow[]> {
    return filtered(db, scopeCode, {}).selectAll().orderBy('area_code').orderBy('name').orderBy('id').execute();
  },

  /** The people with a special need registered in an area (a village or a group/grid in it), within the scope. */
  special(db: Executor, scopeCode: string, areaCode: string): Promise<ContactRow[]> {
    const scope = narrowScope(scopeCode, areaCode);
    if (scope === null) return Promise.resolve([]);
    return filtered(db, scope, { special: true }).selectAll().orderBy('area_code').orderBy('name').orderBy('id').execute();
  },

  /** Has the county any demo contacts yet (the demo loads once). */
  async hasDemo(db: Executor, scopeCode: string): Promise<boolean> {
    const row = await filtered(db, scopeCode, {}).select('id').where('demo', '=', 1).limit(1).executeTakeFirst();
    return row !== undefined;
  },

  async insertMany(db: Executor, rows: Insertable<WarningContactsTable>[]): Promise<void> {
    // 17 columns a row: 50 rows stay far below SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < rows.length; i += 50) {
      await db
        .insertInto('warning_contacts')
        .values(rows.slice(i, i + 50))
        .execute();
    }
  },

  async update(db: Executor, id: string, changes: Updateable<WarningContactsTable>): Promise<void> {
    await db.updateTable('warning_contacts').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('warning_contacts').where('id', '=', id).execute();
  },
};
