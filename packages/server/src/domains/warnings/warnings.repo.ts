import type { WarningListQuery } from '@yingji/contracts/warnings.ts';
import type { Selectable, Updateable } from 'kysely';
import { inScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { WarningsTable, WarningVillagesTable } from './warnings.tables.ts';

export type WarningRow = Selectable<WarningsTable>;

/**
 * Warnings are visible to those whose scope covers the drafter's area (a township's warning is the county's business
 * too) and to those inside a village it targets (a village's 信息员 sees the warnings sent to it).
 */
function visible(db: Executor, scopeCode: string) {
  return db.selectFrom('warnings').where((eb) =>
    eb.or([
      inScope(eb, 'warnings.area_code', scopeCode),
      eb.exists(
        eb
          .selectFrom('warning_villages')
          .select('warning_villages.village_code')
          .whereRef('warning_villages.warning_id', '=', 'warnings.id')
          .where((v) => inScope(v, 'warning_villages.village_code', scopeCode)),
      ),
    ]),
  );
}

export const warningsRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<WarningRow | undefined> {
    return visible(db, scopeCode).selectAll('warnings').where('warnings.id', '=', id).executeTakeFirst();
  },

  /** Newest first; the inbox is what waits for a step the caller may take (never their own drafts). */
  list(
    db: Executor,
    scopeCode: string,
    query: WarningListQuery & { inboxStates?: WarningRow['state'][]; notDraftedBy?: string },
  ): Promise<WarningRow[]> {
    let q = visible(db, scopeCode).selectAll('warnings');
    if (query.state) q = q.where('warnings.state', '=', query.state);
    if (query.source) q = q.where('warnings.source', '=', query.source);
    if (query.inboxStates) {
      q = q.where('warnings.state', 'in', query.inboxStates.length > 0 ? query.inboxStates : ['__none__' as 'draft']);
    }
    if (query.notDraftedBy) q = q.where('warnings.drafted_by', '<>', query.notDraftedBy);
    return q
      .orderBy('warnings.created_at', 'desc')
      .orderBy('warnings.id')
      .limit(query.limit + 1)
      .offset(query.offset)
      .execute();
  },

  /** Published warnings, for the public page, the 一张图 and the CAP feed (no scope: they are public). */
  current(db: Executor, areaPrefix: string): Promise<WarningRow[]> {
    return db
      .selectFrom('warnings')
      .selectAll()
      .where('state', '=', 'published')
      .where((eb) => inScope(eb, 'area_code', areaPrefix))
      .orderBy('published_at', 'desc')
      .execute();
  },

  /** The latest published or ended warnings for the Atom feed. */
  recentPublic(db: Executor, limit: number): Promise<WarningRow[]> {
    return db
      .selectFrom('warnings')
      .selectAll()
      .where('published_at', 'is not', null)
      .where('source', '=', 'local')
      .orderBy('published_at', 'desc')
      .limit(limit)
      .execute();
  },

  async insert(db: Executor, row: WarningRow): Promise<void> {
    await db.insertInto('warnings').values(row).execute();
  },

  async update(db: Executor, id: string, changes: Updateable<WarningsTable>): Promise<void> {
    await db.updateTable('warnings').set(changes).where('id', '=', id).execute();
  },

  /** Published warnings whose time is up (the expiry sweep). */
  expiredIds(db: Executor, now: string): Promise<string[]> {
    return db
      .selectFrom('warnings')
      .select('id')
      .where('state', '=', 'published')
      .where('expires', '<=', now)
      .execute()
      .then((rows) => rows.map((r) => r.id));
  },

  villages(db: Executor, warningId: string): Promise<Selectable<WarningVillagesTable>[]> {
    return db.selectFrom('warning_villages').selectAll().where('warning_id', '=', warningId).orderBy('village_code').execute();
  },

  async insertVillages(db: Executor, rows: WarningVillagesTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await db
        .insertInto('warning_villages')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  },

  /** How many warnings were signed in the same second: the last digit of the CAP identifier. */
  signedSince(db: Executor, since: string): Promise<number> {
    return db
      .selectFrom('warnings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('published_at', '>=', since)
      .where('source', '=', 'local')
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  },
};
