import type { AlarmListQuery } from '@yingji/contracts/alarms.ts';
import type { Insertable, Updateable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Dialect } from '../../platform/db/database.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { AlarmHistoryTable, AlarmsTable } from './alarms.tables.ts';

export type AlarmRow = AlarmsTable;

/** Bound parameters per statement stay well below SQLite's and pg's limits. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const alarmsRepo = {
  /** Active alarms by open key, locked for the rest of the transaction on PostgreSQL (SQLite has one writer). */
  async openByKeys(db: Executor, dialect: Dialect, keys: readonly string[]): Promise<AlarmRow[]> {
    const rows: AlarmRow[] = [];
    for (const part of chunks(keys)) {
      let q = db.selectFrom('alarms').selectAll().where('open_key', 'in', part);
      if (dialect === 'postgres') q = q.forUpdate();
      rows.push(...(await q.execute()));
    }
    return rows;
  },

  async insert(db: Executor, rows: readonly Insertable<AlarmsTable>[]): Promise<void> {
    // 24 columns a row: keep each statement's parameters bounded.
    for (const part of chunks(rows, 16)) await db.insertInto('alarms').values(part).execute();
  },

  async update(db: Executor, id: string, patch: Updateable<AlarmsTable>): Promise<void> {
    await db.updateTable('alarms').set(patch).where('id', '=', id).execute();
  },

  async insertHistory(db: Executor, rows: readonly AlarmHistoryTable[]): Promise<void> {
    for (const part of chunks(rows, 32)) await db.insertInto('alarm_history').values(part).execute();
  },

  async byId(db: Executor, id: string, scope: string, dialect?: Dialect): Promise<AlarmRow | undefined> {
    let q = db
      .selectFrom('alarms')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, 'area_code', scope));
    if (dialect === 'postgres') q = q.forUpdate();
    return q.executeTakeFirst();
  },

  history(db: Executor, id: string): Promise<AlarmHistoryTable[]> {
    return db.selectFrom('alarm_history').selectAll().where('alarm_id', '=', id).orderBy('seq').execute();
  },

  async list(db: Executor, scope: string, query: AlarmListQuery): Promise<{ rows: AlarmRow[]; total: number }> {
    let q = db.selectFrom('alarms').where((eb) => inScope(eb, 'area_code', scope));
    if (query.areaCode) q = q.where((eb) => inScope(eb, 'area_code', query.areaCode!));
    if (query.state) q = q.where('state', '=', query.state);
    if (query.level) q = q.where('level', 'in', query.level);
    if (query.stationKind) q = q.where('station_kind', '=', query.stationKind);
    if (query.stationId) q = q.where('station_id', '=', query.stationId);
    if (query.rule) q = q.where('rule', '=', query.rule);
    if (query.acknowledged !== undefined) q = q.where('acknowledged_at', query.acknowledged ? 'is not' : 'is', null);
    if (query.from) q = q.where('raised_at', '>=', new Date(query.from).toISOString());
    if (query.to) q = q.where('raised_at', '<', new Date(query.to).toISOString());
    const [rows, count] = await Promise.all([
      q.selectAll().orderBy('raised_at', 'desc').orderBy('id').limit(query.limit).offset(query.offset).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  openLevels(db: Executor): Promise<Pick<AlarmRow, 'station_id' | 'rule' | 'level'>[]> {
    return db.selectFrom('alarms').select(['station_id', 'rule', 'level']).where('state', '=', 'active').execute();
  },
};
