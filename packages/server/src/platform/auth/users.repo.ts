import type { Selectable } from 'kysely';
import { inScope } from '../access/scope.ts';
import type { Executor } from '../db/types.ts';
import type { UsersTable } from './auth.tables.ts';

export type UserRow = Selectable<UsersTable>;

export const usersRepo = {
  byId(db: Executor, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  byUsername(db: Executor, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },

  async list(db: Executor, scopeCode: string, filter: { q?: string; areaCode?: string; limit: number; offset: number }) {
    let q = db.selectFrom('users').where((eb) => inScope(eb, 'area_code', scopeCode));
    if (filter.areaCode) q = q.where((eb) => inScope(eb, 'area_code', filter.areaCode!));
    if (filter.q) {
      // Wildcards are dropped rather than escaped: LIKE escaping differs between the dialects.
      const like = `%${filter.q.replace(/[%_\\]/g, '')}%`;
      q = q.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('username').limit(filter.limit).offset(filter.offset).execute();
    return { rows, total: Number(total.n) };
  },

  count(db: Executor): Promise<number> {
    return db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },

  async insert(db: Executor, row: UserRow): Promise<void> {
    await db.insertInto('users').values(row).execute();
  },

  async update(db: Executor, id: string, changes: Partial<UserRow>): Promise<void> {
    await db.updateTable('users').set(changes).where('id', '=', id).execute();
  },
};
