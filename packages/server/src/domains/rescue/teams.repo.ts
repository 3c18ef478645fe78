import type { TeamListQuery } from '@yingji/contracts/rescue.ts';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type SqlBool,
  type Insertable,
  type Selectable,
  type SelectQueryBuilder,
  type Updateable,
} from 'kysely';
import { inScope, narrowScope } from '../../platform/access/scope.ts';
import type { Dialect } from '../../platform/db/database.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';
import { NameIndex, type ContainsFilter } from '../../platform/search/name-index.ts';
import type { RescueTeamsTable } from './rescue.tables.ts';

export type TeamRow = Selectable<RescueTeamsTable> & { member_count: number; equipment_count: number };

/** 救援队伍 names, for "name contains" (platform/search): written with every insert, rename and delete below. */
export const teamNames = new NameIndex('rescue_teams_name');

type Teams = SelectQueryBuilder<Database, 'rescue_teams', object>;

/** Member and equipment counts per team: lists and reports need no second query. */
function withCounts(q: Teams) {
  return q.selectAll('rescue_teams').select((eb) => [
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

/** Every read is filtered by the caller's scope. */
function base(db: Executor, scopeCode: string) {
  return withCounts(db.selectFrom('rescue_teams').where((eb) => inScope(eb, 'rescue_teams.area_code', scopeCode)));
}

type TeamFilter = Omit<TeamListQuery, 'limit' | 'offset'>;

/**
 * Which index drives a list on SQLite (PostgreSQL plans on its statistics). With type, level and duty state all
 * given, `rescue_teams_kind` (type, level, duty_state, area_code, name) holds the matches in list order: a rare
 * combination (1 in 150) would otherwise walk the order index row by row. Otherwise the page walks
 * `rescue_teams_area` (area_code, name) in list order and the count runs along `rescue_teams_filters`; the filter
 * columns are then hidden from the planner with SQLite's unary `+`, or it may sort a whole type's rows through the
 * kind index. A name search with few matches is driven by the name index instead (NameIndex.contains).
 */
const drivenByKind = (filter: TeamFilter) => Boolean(filter.type && filter.level && filter.dutyState);

function filtered(db: Executor, dialect: Dialect, scopeCode: string, filter: TeamFilter, contains: ContainsFilter | null) {
  const hide = dialect === 'sqlite' && !drivenByKind(filter);
  const column = (eb: ExpressionBuilder<Database, 'rescue_teams'>, name: 'type' | 'level' | 'duty_state') =>
    hide ? sql<string>`+${sql.ref(`rescue_teams.${name}`)}` : eb.ref(`rescue_teams.${name}`);
  return db.selectFrom('rescue_teams').where((eb) => {
    const terms: Expression<SqlBool>[] = [inScope(eb, 'rescue_teams.area_code', scopeCode)];
    if (filter.type) terms.push(eb(column(eb, 'type'), '=', filter.type));
    if (filter.level) terms.push(eb(column(eb, 'level'), '=', filter.level));
    if (filter.dutyState) terms.push(eb(column(eb, 'duty_state'), '=', filter.dutyState));
    if (contains) terms.push(eb('rescue_teams.name', 'like', contains.pattern));
    if (contains?.idIn) terms.push(contains.idIn('rescue_teams.id'));
    return eb.and(terms);
  });
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

  /** A page in list order (area, name), its count capped (platform/db/paging.ts). */
  async list(
    db: Executor,
    dialect: Dialect,
    scopeCode: string,
    query: TeamListQuery,
  ): Promise<CappedTotal & { rows: TeamRow[]; hasMore: boolean }> {
    const scope = narrowScope(scopeCode, query.areaCode);
    if (scope === null) return { rows: [], total: 0, totalCapped: false, hasMore: false };
    const contains = await teamNames.contains(db, dialect, query.q);
    const rows = await withCounts(filtered(db, dialect, scope, query, contains))
      .orderBy('rescue_teams.area_code')
      .orderBy('rescue_teams.name')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    const page = pageRows((rows as TeamRow[]).map(normalise), query.limit);
    return { ...page, ...(await cappedTotal(db, filtered(db, dialect, scope, query, contains))) };
  },

  /** Every team in the scope with its counts: exports, the standards report and the spatial index. */
  async all(db: Executor, scopeCode: string): Promise<TeamRow[]> {
    const rows = await base(db, scopeCode).orderBy('rescue_teams.area_code').orderBy('rescue_teams.name').execute();
    return (rows as TeamRow[]).map(normalise);
  },

  /** Name taken by any team, in or out of scope: names identify teams in Excel sheets. */
  async nameTaken(db: Executor, name: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom('rescue_teams').select('id').where('name', '=', name);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },

  /** Inserts teams and indexes their names, in the caller's transaction. */
  async insert(db: Executor, dialect: Dialect, rows: Insertable<RescueTeamsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 50)
      await db
        .insertInto('rescue_teams')
        .values(rows.slice(i, i + 50))
        .execute();
    await teamNames.put(
      db,
      dialect,
      rows.map((r) => ({ id: r.id, text: r.name })),
    );
  },

  async update(db: Executor, dialect: Dialect, id: string, changes: Updateable<RescueTeamsTable>): Promise<void> {
    await db.updateTable('rescue_teams').set(changes).where('id', '=', id).execute();
    if (changes.name !== undefined) await teamNames.put(db, dialect, [{ id, text: changes.name as string }]);
  },

  async remove(db: Executor, dialect: Dialect, id: string): Promise<void> {
    // Members and their certificates go with the team (ON DELETE CASCADE).
    await db.deleteFrom('rescue_teams').where('id', '=', id).execute();
    await teamNames.remove(db, dialect, [id]);
  },
};
