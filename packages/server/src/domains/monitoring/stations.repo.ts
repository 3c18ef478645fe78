import type { StationListQuery } from '@yingji/contracts/monitoring.ts';
import type { ExpressionBuilder, Insertable, Selectable, Updateable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { MonitoringStationsTable } from './monitoring.tables.ts';

export type StationRow = Selectable<MonitoringStationsTable>;

/**
 * The scope filter: the platform's `inScope` prefix test, plus the same prefix as a range, which SQLite answers from
 * the area_code index (its LIKE is case-insensitive and so skips text indexes). ':' sorts right after '9'.
 */
function withinArea<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: string, areaCode: string) {
  const ref = eb.ref(column as never);
  return eb.and([inScope(eb, column, areaCode), eb(ref, '>=', areaCode as never), eb(ref, '<', `${areaCode}:` as never)]);
}

/** `like` patterns from user text, wildcards dropped. */
const likeText = (q: string) => `%${q.replace(/[%_\\]/g, '')}%`;

function filtered(db: Executor, scopeCode: string, filter: Omit<StationListQuery, 'limit' | 'offset'>) {
  let q = db.selectFrom('monitoring_stations').where((eb) => withinArea(eb, 'monitoring_stations.area_code', scopeCode));
  if (filter.areaCode) q = q.where((eb) => withinArea(eb, 'monitoring_stations.area_code', filter.areaCode!));
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.state) q = q.where('state', '=', filter.state);
  if (filter.q) q = q.where((eb) => eb.or([eb('name', 'like', likeText(filter.q!)), eb('code', 'like', likeText(filter.q!))]));
  return q;
}

/** Every register query is filtered by the caller's scope (a code prefix); out of scope and absent look the same. */
export const stationsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<StationRow | undefined> {
    return db
      .selectFrom('monitoring_stations')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => withinArea(eb, 'monitoring_stations.area_code', scopeCode))
      .executeTakeFirst();
  },

  /** byId inside a transaction about to change the row: a no-op update takes the row lock on PostgreSQL first. */
  async lockById(db: Executor, scopeCode: string, id: string): Promise<StationRow | undefined> {
    await db
      .updateTable('monitoring_stations')
      .set((eb) => ({ name: eb.ref('name') }))
      .where('id', '=', id)
      .where((eb) => withinArea(eb, 'monitoring_stations.area_code', scopeCode))
      .execute();
    return stationsRepo.byId(db, scopeCode, id);
  },

  codeTaken(db: Executor, codes: readonly string[]) {
    if (codes.length === 0) return Promise.resolve([]);
    return db.selectFrom('monitoring_stations').select('code').where('code', 'in', codes).execute();
  },

  async list(db: Executor, scopeCode: string, query: StationListQuery): Promise<{ rows: StationRow[]; total: number }> {
    const total = await filtered(db, scopeCode, query)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await filtered(db, scopeCode, query)
      .selectAll()
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rows, total: Number(total.n) };
  },

  all(db: Executor, scopeCode: string): Promise<StationRow[]> {
    return db
      .selectFrom('monitoring_stations')
      .selectAll()
      .where((eb) => withinArea(eb, 'monitoring_stations.area_code', scopeCode))
      .orderBy('area_code')
      .orderBy('name')
      .execute();
  },

  /** System-level (no actor): the ingest directory's rows. */
  everything(db: Executor, ids?: readonly string[]): Promise<StationRow[]> {
    let q = db.selectFrom('monitoring_stations').selectAll();
    if (ids) q = q.where('id', 'in', ids.length ? ids : ['']);
    return q.execute();
  },

  async insertMany(db: Executor, rows: Insertable<MonitoringStationsTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 30) {
      await db
        .insertInto('monitoring_stations')
        .values(rows.slice(i, i + 30))
        .execute();
    }
  },

  async update(db: Executor, id: string, changes: Updateable<MonitoringStationsTable>): Promise<void> {
    await db.updateTable('monitoring_stations').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('monitoring_stations').where('id', '=', id).execute();
  },

  /** Moves the newest-reading time forward only (late readings never move it back). */
  async touchLastReading(db: Executor, id: string, at: string): Promise<void> {
    await db
      .updateTable('monitoring_stations')
      .set({ last_reading_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_reading_at', 'is', null), eb('last_reading_at', '<', at)]))
      .execute();
  },

  /** Sets the state only if it is still `from` (the watchdog and ingest may race; a fault set by hand stays). */
  async transition(db: Executor, id: string, from: string, to: string, now: string): Promise<boolean> {
    const result = await db
      .updateTable('monitoring_stations')
      .set({ state: to as StationRow['state'], updated_at: now })
      .where('id', '=', id)
      .where('state', '=', from as StationRow['state'])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
};
