import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { ExpertListQuery } from '@yingji/contracts/rescue.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { RescueExpertsTable } from './rescue.tables.ts';
import { likeText, within } from './teams.repo.ts';

export type ExpertRow = Selectable<RescueExpertsTable>;
type ExpertFilter = Omit<ExpertListQuery, 'limit' | 'offset'>;

function matches(filter: ExpertFilter) {
  return (eb: ExpressionBuilder<Database, 'rescue_experts'>) => {
    const conditions: Expression<SqlBool>[] = [];
    // fields is a JSON array of names from a fixed list, so the quoted name cannot match anything else.
    if (filter.field) conditions.push(eb('fields', 'like', `%"${filter.field}"%`));
    if (filter.areaCode) conditions.push(within(eb, 'area_code', filter.areaCode));
    if (filter.available !== undefined) conditions.push(eb('available', '=', filter.available ? 1 : 0));
    if (filter.q) {
      const text = likeText(filter.q);
      conditions.push(eb.or([eb('name', 'like', text), eb('organisation', 'like', text)]));
    }
    return eb.and(conditions);
  };
}

function base(db: Executor, scopeCode: string) {
  return db
    .selectFrom('rescue_experts')
    .where((eb) => within(eb, 'area_code', scopeCode))
    .selectAll();
}

export const expertsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<ExpertRow | undefined> {
    return base(db, scopeCode).where('id', '=', id).executeTakeFirst();
  },

  async list(db: Executor, scopeCode: string, query: ExpertListQuery): Promise<{ rows: ExpertRow[]; total: number }> {
    const total = await db
      .selectFrom('rescue_experts')
      .where((eb) => within(eb, 'area_code', scopeCode))
      .where(matches(query))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base(db, scopeCode)
      .where(matches(query))
      .orderBy('available', 'desc')
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rows, total: Number(total.n) };
  },

  all(db: Executor, scopeCode: string, filter: ExpertFilter = {}): Promise<ExpertRow[]> {
    return base(db, scopeCode).where(matches(filter)).orderBy('area_code').orderBy('name').execute();
  },

  async insert(db: Executor, rows: Insertable<RescueExpertsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('rescue_experts')
        .values(rows.slice(i, i + 100))
        .execute();
  },

  async update(db: Executor, id: string, changes: Updateable<RescueExpertsTable>): Promise<void> {
    await db.updateTable('rescue_experts').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('rescue_experts').where('id', '=', id).execute();
  },
};
