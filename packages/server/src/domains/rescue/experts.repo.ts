import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { ExpertListQuery } from '@yingji/contracts/rescue.ts';
import type { Database } from '../../platform/db/schema.ts';
import { inScope } from '../../platform/access/scope.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { NameIndex, type ContainsFilter } from '../../platform/search/name-index.ts';
import type { RescueExpertsTable } from './rescue.tables.ts';
import { likeText } from '../../platform/search/like.ts';

export type ExpertRow = Selectable<RescueExpertsTable>;
type ExpertFilter = Omit<ExpertListQuery, 'limit' | 'offset'>;

/**
 * 专家 searched by name or organisation (platform/search): one entry per expert holding both, one per line, so a
 * search finds a superset (a phrase may span the line break) and the LIKE on each column decides.
 */
export const expertNames = new NameIndex('rescue_experts_name');
export const searchText = (row: { name: string; organisation: string }) => `${row.name}\n${row.organisation}`;

function matches(filter: ExpertFilter, contains: ContainsFilter | null = null) {
  return (eb: ExpressionBuilder<Database, 'rescue_experts'>) => {
    const conditions: Expression<SqlBool>[] = [];
    // fields is a JSON array of names from a fixed list, so the quoted name cannot match anything else.
    if (filter.field) conditions.push(eb('fields', 'like', `%"${filter.field}"%`));
    if (filter.areaCode) conditions.push(inScope(eb, 'area_code', filter.areaCode));
    if (filter.available !== undefined) conditions.push(eb('available', '=', filter.available ? 1 : 0));
    if (filter.q) {
      const text = likeText(filter.q);
      conditions.push(eb.or([eb('name', 'like', text), eb('organisation', 'like', text)]));
    }
    if (contains?.idIn) conditions.push(contains.idIn('rescue_experts.id'));
    return eb.and(conditions);
  };
}

function base(db: Executor, scopeCode: string) {
  return db
    .selectFrom('rescue_experts')
    .where((eb) => inScope(eb, 'area_code', scopeCode))
    .selectAll();
}

export const expertsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<ExpertRow | undefined> {
    return base(db, scopeCode).where('id', '=', id).executeTakeFirst();
  },

  /** A page, available experts first; its count capped (platform/db/paging.ts). */
  async list(
    db: Executor,
    dialect: Dialect,
    scopeCode: string,
    query: ExpertListQuery,
  ): Promise<CappedTotal & { rows: ExpertRow[]; hasMore: boolean }> {
    const contains = await expertNames.contains(db, dialect, query.q);
    const total = await cappedTotal(
      db,
      db
        .selectFrom('rescue_experts')
        .where((eb) => inScope(eb, 'area_code', scopeCode))
        .where(matches(query, contains)),
    );
    const rows = await base(db, scopeCode)
      .where(matches(query, contains))
      .orderBy('available', 'desc')
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('id')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    return { ...pageRows(rows, query.limit), ...total };
  },

  all(db: Executor, scopeCode: string, filter: ExpertFilter = {}): Promise<ExpertRow[]> {
    return base(db, scopeCode).where(matches(filter)).orderBy('area_code').orderBy('name').execute();
  },

  /** Inserts experts and indexes their names and organisations, in the caller's transaction. */
  async insert(db: Executor, dialect: Dialect, rows: Insertable<RescueExpertsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('rescue_experts')
        .values(rows.slice(i, i + 100))
        .execute();
    await expertNames.put(
      db,
      dialect,
      rows.map((r) => ({ id: r.id, text: searchText(r) })),
    );
  },

  async update(db: Executor, dialect: Dialect, id: string, changes: Updateable<RescueExpertsTable>): Promise<void> {
    await db.updateTable('rescue_experts').set(changes).where('id', '=', id).execute();
    if (changes.name === undefined && changes.organisation === undefined) return;
    const row = await db.selectFrom('rescue_experts').select(['name', 'organisation']).where('id', '=', id).executeTakeFirst();
    if (row) await expertNames.put(db, dialect, [{ id, text: searchText(row) }]);
  },

  async remove(db: Executor, dialect: Dialect, id: string): Promise<void> {
    await db.deleteFrom('rescue_experts').where('id', '=', id).execute();
    await expertNames.remove(db, dialect, [id]);
  },
};
