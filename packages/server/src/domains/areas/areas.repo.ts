import type { AreaLevel } from '@yingji/contracts/areas.ts';
import type { Selectable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { AreasTable } from './areas.tables.ts';

export type AreaRow = Omit<Selectable<AreasTable>, 'geometry'> & { child_count: number };

/**
 * Every read takes the caller's scope code and returns only areas inside it. The geometry column is left out: it is
 * large, and geometry_source (set together with it) tells whether there is one.
 */
function base(db: Executor, scopeCode: string) {
  return db
    .selectFrom('areas')
    .where((eb) => inScope(eb, 'areas.code', scopeCode))
    .select([
      'areas.code',
      'areas.name',
      'areas.level',
      'areas.level_name',
      'areas.parent_code',
      'areas.population',
      'areas.geometry_source',
      'areas.grid_officer_name',
      'areas.grid_officer_phone',
      'areas.created_at',
      'areas.updated_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('areas as child')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('child.parent_code', '=', 'areas.code')
        .as('child_count'),
    );
}

export const areasRepo = {
  byCode(db: Executor, scopeCode: string, code: string): Promise<AreaRow | undefined> {
    return base(db, scopeCode).where('areas.code', '=', code).executeTakeFirst() as Promise<AreaRow | undefined>;
  },

  /** The subtree under root (inclusive) whose tiers are among `levels`, ordered by code so parents come first. */
  subtree(db: Executor, scopeCode: string, rootCode: string, levels: AreaLevel[]): Promise<AreaRow[]> {
    return base(db, scopeCode)
      .where((eb) => inScope(eb, 'areas.code', rootCode))
      .where('areas.level', 'in', levels)
      .orderBy('areas.code')
      .execute() as Promise<AreaRow[]>;
  },

  /** The topmost areas a scope can see: the scope's own area, or every county for a whole-installation scope. */
  roots(db: Executor, scopeCode: string): Promise<AreaRow[]> {
    const q = base(db, scopeCode);
    return (scopeCode === '' ? q.where('areas.parent_code', 'is', null) : q.where('areas.code', '=', scopeCode))
      .orderBy('areas.code')
      .execute() as Promise<AreaRow[]>;
  },

  async list(
    db: Executor,
    scopeCode: string,
    filter: { parentCode?: string; level?: AreaLevel; q?: string; limit: number; offset: number },
  ): Promise<{ rows: AreaRow[]; total: number }> {
    let q = db.selectFrom('areas').where((eb) => inScope(eb, 'areas.code', scopeCode));
    if (filter.parentCode) q = q.where('areas.parent_code', '=', filter.parentCode);
    if (filter.level) q = q.where('areas.level', '=', filter.level);
    if (filter.q) q = q.where('areas.name', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let rows = base(db, scopeCode);
    if (filter.parentCode) rows = rows.where('areas.parent_code', '=', filter.parentCode);
    if (filter.level) rows = rows.where('areas.level', '=', filter.level);
    if (filter.q) rows = rows.where('areas.name', 'like', `%${filter.q.replace(/[%_\\]/g, '')}%`);
    const page = await rows.orderBy('areas.code').limit(filter.limit).offset(filter.offset).execute();
    return { rows: page as AreaRow[], total: Number(total.n) };
  },

  geometries(db: Executor, scopeCode: string, rootCode: string, levels: AreaLevel[]) {
    return db
      .selectFrom('areas')
      .where((eb) => inScope(eb, 'code', scopeCode))
      .where((eb) => inScope(eb, 'code', rootCode))
      .where('level', 'in', levels)
      .where('geometry', 'is not', null)
      .select(['code', 'name', 'level', 'level_name', 'parent_code', 'population', 'geometry', 'geometry_source'])
      .orderBy('code')
      .execute();
  },

  childCodes(db: Executor, parentCode: string): Promise<string[]> {
    return db
      .selectFrom('areas')
      .select('code')
      .where('parent_code', '=', parentCode)
      .execute()
      .then((rows) => rows.map((r) => r.code));
  },

  /** Existence check without scope, for loaders and imports run by the operator. */
  existingCodes(db: Executor, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return Promise.resolve(new Set());
    return db
      .selectFrom('areas')
      .select('code')
      .where('code', 'in', codes)
      .execute()
      .then((rows) => new Set(rows.map((r) => r.code)));
  },

  nameOf(db: Executor, code: string): Promise<string | null> {
    return db
      .selectFrom('areas')
      .select('name')
      .where('code', '=', code)
      .executeTakeFirst()
      .then((r) => r?.name ?? null);
  },

  async insertMany(db: Executor, rows: AreasTable[]): Promise<void> {
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 200) {
      await db
        .insertInto('areas')
        .values(rows.slice(i, i + 200))
        .execute();
    }
  },

  async update(db: Executor, code: string, changes: Partial<AreasTable>): Promise<void> {
    await db.updateTable('areas').set(changes).where('code', '=', code).execute();
  },
};
