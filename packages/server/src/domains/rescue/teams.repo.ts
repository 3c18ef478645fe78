import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { TeamListQuery } from '@yingji/contracts/rescue.ts';
import { inScope } from '../../platform/access/scope.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { RescueTeamsTable } from './rescue.tables.ts';

export type TeamRow = Selectable<RescueTeamsTable> & { member_count: number; equipment_count: number };

/**
 * The scope filter of every rescue query: `inScope` (the platform's prefix test), plus the same prefix as a range,
 * which SQLite answers from the area_code index (its LIKE is case-insensitive and so cannot use a plain index).
 * Area codes are digits, and ':' sorts right after '9'.
 */
export function within<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, scopeCode: string) {
  if (scopeCode === '') return inScope(eb, column, scopeCode);
  const ref = eb.ref(column as never);
  return eb.and([inScope(eb, column, scopeCode), eb(ref, '>=', scopeCode as never), eb(ref, '<', `${scopeCode}:` as never)]);
}

/** `q` is matched literally inside names: LIKE's own wildcards are removed. */
export const likeText = (q: string) => `%${q.replace(/[%_\\]/g, '')}%`;

/** Every read is filtered by the caller's scope; counts come along so lists and reports need no second query. */
function base(db: Executor, scopeCode: string) {
  return db
    .selectFrom('rescue_teams')
    .where((eb) => within(eb, 'rescue_teams.area_code', scopeCode))
    .selectAll('rescue_teams')
    .select((eb) => [
      eb
        .selectFrom('rescue_members')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('rescue_members.team_id', '=', 'rescue_teams.id')
        .as('member_count'),
      eb
        .selectFrom('rescue_equipment')
        .select((c) => c.fn.coalesce(c.fn.sum<number>('rescue_equipment.quantity'), c.lit(0)).as('n'))
        .whereRef('rescue_equipment.owner_id', '=', 'rescue_teams.id')
        .where('rescue_equipment.owner_type', '=', 'team')
        .where('rescue_equipment.state', '!=', 'scrapped')
        .as('equipment_count'),
    ]);
}

type TeamFilter = Omit<TeamListQuery, 'limit' | 'offset'>;

/** The list filters as one WHERE expression (1 = 1 when none is given). */
function matches(filter: TeamFilter) {
  return (eb: ExpressionBuilder<Database, 'rescue_teams'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.type) conditions.push(eb('rescue_teams.type', '=', filter.type));
    if (filter.level) conditions.push(eb('rescue_teams.level', '=', filter.level));
    if (filter.dutyState) conditions.push(eb('rescue_teams.duty_state', '=', filter.dutyState));
    if (filter.areaCode) conditions.push(within(eb, 'rescue_teams.area_code', filter.areaCode));
    if (filter.q) conditions.push(eb('rescue_teams.name', 'like', likeText(filter.q)));
    return eb.and(conditions);
  };
}

const normalise = (row: TeamRow): TeamRow => ({
  ...row,
  member_count: Number(row.member_count),
  equipment_count: Number(row.equipment_count),
});

export const teamsRepo = {
  async byId(db: Executor, scopeCode: string, id: string): Promise<TeamRow | undefined> {
    const row = await base(db, scopeCode).where('rescue_teams.id', '=', id).executeTakeFirst();
    return row && normalise(row as TeamRow);
  },

  /** Resolves an Excel cell naming a team by id or by name, within the scope. */
  async byIdOrName(db: Executor, scopeCode: string, key: string): Promise<TeamRow | undefined> {
    const row = await base(db, scopeCode)
      .where((eb) => eb.or([eb('rescue_teams.id', '=', key), eb('rescue_teams.name', '=', key)]))
      .executeTakeFirst();
    return row && normalise(row as TeamRow);
  },

  async list(db: Executor, scopeCode: string, query: TeamListQuery): Promise<{ rows: TeamRow[]; total: number }> {
    const total = await db
      .selectFrom('rescue_teams')
      .where((eb) => within(eb, 'rescue_teams.area_code', scopeCode))
      .where(matches(query))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await base(db, scopeCode)
      .where(matches(query))
      .orderBy('rescue_teams.area_code')
      .orderBy('rescue_teams.name')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rows: (rows as TeamRow[]).map(normalise), total: Number(total.n) };
  },

  /** Every team in the scope with its counts: exports, the standards report and the spatial index. */
  async all(db: Executor, scopeCode: string, filter: TeamFilter = {}): Promise<TeamRow[]> {
    const rows = await base(db, scopeCode)
      .where(matches(filter))
      .orderBy('rescue_teams.area_code')
      .orderBy('rescue_teams.name')
      .execute();
    return (rows as TeamRow[]).map(normalise);
  },

  /** Name taken by any team, in or out of scope: names identify teams in Excel sheets. */
  async nameTaken(db: Executor, name: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom('rescue_teams').select('id').where('name', '=', name);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },

  async insert(db: Executor, row: Insertable<RescueTeamsTable>): Promise<void> {
    await db.insertInto('rescue_teams').values(row).execute();
  },

  async update(db: Executor, id: string, changes: Updateable<RescueTeamsTable>): Promise<void> {
    await db.updateTable('rescue_teams').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    // Members and their certificates go with the team (ON DELETE CASCADE).
    await db.deleteFrom('rescue_teams').where('id', '=', id).execute();
  },
};
