import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import type { EquipmentListQuery, TeamLevel } from '@yingji/contracts/rescue.ts';
import type { Database } from '../../platform/db/schema.ts';
import { inScope } from '../../platform/access/scope.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { RescueEquipmentTable } from './rescue.tables.ts';
import { likeText } from '../../platform/search/like.ts';

export type EquipmentRow = Selectable<RescueEquipmentTable> & { owner_name: string | null; owner_level: TeamLevel | null };
type EquipmentFilter = Omit<EquipmentListQuery, 'limit' | 'offset'>;

function matches(filter: EquipmentFilter) {
  return (eb: ExpressionBuilder<Database, 'rescue_equipment'>) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filter.ownerType) conditions.push(eb('rescue_equipment.owner_type', '=', filter.ownerType));
    if (filter.ownerId) conditions.push(eb('rescue_equipment.owner_id', '=', filter.ownerId));
    if (filter.state) conditions.push(eb('rescue_equipment.state', '=', filter.state));
    if (filter.kind) conditions.push(eb('rescue_equipment.kind', '=', filter.kind));
    if (filter.areaCode) conditions.push(inScope(eb, 'rescue_equipment.area_code', filter.areaCode));
    if (filter.q) {
      const text = likeText(filter.q);
      conditions.push(eb.or([eb('rescue_equipment.kind', 'like', text), eb('rescue_equipment.model', 'like', text)]));
    }
    return eb.and(conditions);
  };
}

/** Scoped by the equipment's own area (its owner's); the owning team's name is joined for display. */
function base(db: Executor, scopeCode: string) {
  return db
    .selectFrom('rescue_equipment')
    .leftJoin('rescue_teams', (join) =>
      join.onRef('rescue_teams.id', '=', 'rescue_equipment.owner_id').on('rescue_equipment.owner_type', '=', 'team'),
    )
    .where((eb) => inScope(eb, 'rescue_equipment.area_code', scopeCode))
    .selectAll('rescue_equipment')
    .select(['rescue_teams.name as owner_name', 'rescue_teams.level as owner_level']);
}

export const equipmentRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<EquipmentRow | undefined> {
    return base(db, scopeCode).where('rescue_equipment.id', '=', id).executeTakeFirst();
  },

  /** A page in list order (area, kind); its count capped (platform/db/paging.ts). */
  async list(
    db: Executor,
    scopeCode: string,
    query: EquipmentListQuery,
  ): Promise<CappedTotal & { rows: EquipmentRow[]; hasMore: boolean }> {
    const total = await cappedTotal(
      db,
      db
        .selectFrom('rescue_equipment')
        .where((eb) => inScope(eb, 'rescue_equipment.area_code', scopeCode))
        .where(matches(query)),
    );
    const rows = await base(db, scopeCode)
      .where(matches(query))
      .orderBy('rescue_equipment.area_code')
      .orderBy('rescue_equipment.kind')
      .orderBy('rescue_equipment.id')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    return { ...pageRows(rows, query.limit), ...total };
  },

  all(db: Executor, scopeCode: string, filter: EquipmentFilter = {}): Promise<EquipmentRow[]> {
    return base(db, scopeCode)
      .where(matches(filter))
      .orderBy('rescue_equipment.area_code')
      .orderBy('rescue_equipment.kind')
      .orderBy('rescue_equipment.id')
      .execute();
  },

  /** Equipment in service whose maintenance falls due on or before `until` (YYYY-MM-DD), overdue included. */
  maintenanceDue(db: Executor, scopeCode: string, until: string): Promise<EquipmentRow[]> {
    return base(db, scopeCode)
      .where('rescue_equipment.state', '!=', 'scrapped')
      .where('rescue_equipment.maintenance_due', 'is not', null)
      .where('rescue_equipment.maintenance_due', '<=', until)
      .orderBy('rescue_equipment.maintenance_due')
      .orderBy('rescue_equipment.kind')
      .execute();
  },

  /** Any equipment held by the team, in or out of service: a team holding equipment is not deleted. */
  async teamHolds(db: Executor, teamId: string): Promise<number> {
    const row = await db
      .selectFrom('rescue_equipment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_type', '=', 'team')
      .where('owner_id', '=', teamId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** The team moved to another area: its equipment follows, so scope filters stay right. */
  async moveTeamEquipment(db: Executor, teamId: string, areaCode: string, at: string): Promise<void> {
    await db
      .updateTable('rescue_equipment')
      .set({ area_code: areaCode, updated_at: at })
      .where('owner_type', '=', 'team')
      .where('owner_id', '=', teamId)
      .execute();
  },

  async insert(db: Executor, rows: Insertable<RescueEquipmentTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('rescue_equipment')
        .values(rows.slice(i, i + 100))
        .execute();
  },

  async update(db: Executor, id: string, changes: Updateable<RescueEquipmentTable>): Promise<void> {
    await db.updateTable('rescue_equipment').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('rescue_equipment').where('id', '=', id).execute();
  },
};
