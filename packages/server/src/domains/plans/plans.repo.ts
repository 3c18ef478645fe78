import type { PlanListQuery, PlanState } from '@yingji/contracts/plans.ts';
import { PLAN_IN_FORCE_STATES } from '@yingji/contracts/plans.ts';
import type { Expression, ExpressionBuilder, Insertable, Selectable, SqlBool, Updateable } from 'kysely';
import { inScope, narrowScope } from '../../platform/access/scope.ts';
import { cappedTotal, pageLimit, pageRows, type CappedTotal } from '../../platform/db/paging.ts';
import type { Database } from '../../platform/db/schema.ts';
import type { Executor } from '../../platform/db/types.ts';
import { likeText } from '../../platform/search/like.ts';
import type { PlanAttachmentsTable, PlanEventsTable, PlansTable } from './plans.tables.ts';

export type PlanRow = Selectable<PlansTable>;
export type PlanEventRow = Selectable<PlanEventsTable>;
export type AttachmentRow = Selectable<PlanAttachmentsTable>;

/** The areas above a scope (county → prefecture → province): their plans govern it (上下衔接). */
export function ancestorCodes(scopeCode: string): string[] {
  return [2, 4, 6, 9, 12].filter((length) => length < scopeCode.length).map((length) => scopeCode.slice(0, length));
}

/**
 * What an actor may read: the plans of their scope, and the plans of the areas above it, which a township must know
 * to link and follow its own (read-only: every write checks the plan's own area against the scope).
 */
function visible(eb: ExpressionBuilder<Database, 'plans'>, scopeCode: string): Expression<SqlBool> {
  const above = ancestorCodes(scopeCode);
  const own = inScope(eb, 'plans.area_code', scopeCode);
  return above.length === 0 ? own : eb.or([own, eb('plans.area_code', 'in', above)]);
}

type PlanFilter = Omit<PlanListQuery, 'limit' | 'offset'>;

function filtered(db: Executor, scopeCode: string, filter: PlanFilter) {
  // An area filter narrows to that subtree within the scope; without one the list is everything the actor may read.
  const narrowed = filter.areaCode === undefined ? null : narrowScope(scopeCode, filter.areaCode);
  return db.selectFrom('plans').where((eb) => {
    const terms: Expression<SqlBool>[] = [
      filter.areaCode === undefined ? visible(eb, scopeCode) : inScope(eb, 'plans.area_code', narrowed ?? scopeCode),
    ];
    if (filter.category) terms.push(eb('plans.category', '=', filter.category));
    if (filter.state) terms.push(eb('plans.state', '=', filter.state));
    if (filter.current) terms.push(eb('plans.state', '!=', 'superseded'));
    // hazard_types is a JSON array of codes; the quoted code matches one element exactly.
    if (filter.hazard) terms.push(eb('plans.hazard_types', 'like', `%"${filter.hazard}"%`));
    if (filter.ownerDepartment) terms.push(eb('plans.owner_department', '=', filter.ownerDepartment));
    if (filter.q) terms.push(eb('plans.name', 'like', likeText(filter.q)));
    return eb.and(terms);
  });
}

/**
 * The columns only a version's own lifecycle fills (publication, filing, review, revision flag, its revision): a new
 * version, registered or revised, starts with none of them.
 */
export const LIFECYCLE_UNSTARTED = {
  published_on: null,
  document_number: null,
  filing_number: null,
  filed_with: null,
  filed_on: null,
  review: null,
  revision_trigger: null,
  revision_reason: null,
  revision_flagged_at: null,
  revision_flagged_by: null,
  next_version_id: null,
} as const;

export const plansRepo = {
  /** A plan the actor may read (their scope and the areas above); absent and out of sight look the same. */
  byId(db: Executor, scopeCode: string, id: string): Promise<PlanRow | undefined> {
    return db
      .selectFrom('plans')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => visible(eb, scopeCode))
      .executeTakeFirst();
  },

  /** byId in a transaction about to change the row: a no-op update takes the row lock first on PostgreSQL. */
  async lockById(db: Executor, scopeCode: string, id: string): Promise<PlanRow | undefined> {
    await db
      .updateTable('plans')
      .set((eb) => ({ version: eb.ref('version') }))
      .where('id', '=', id)
      .execute();
    return plansRepo.byId(db, scopeCode, id);
  },

  async list(
    db: Executor,
    scopeCode: string,
    query: PlanListQuery,
  ): Promise<CappedTotal & { rows: PlanRow[]; hasMore: boolean }> {
    if (query.areaCode !== undefined && narrowScope(scopeCode, query.areaCode) === null)
      return { rows: [], total: 0, totalCapped: false, hasMore: false };
    const rows = await filtered(db, scopeCode, query)
      .selectAll()
      .orderBy('area_code')
      .orderBy('name')
      .orderBy('version')
      .orderBy('id')
      .limit(pageLimit(query.limit))
      .offset(query.offset)
      .execute();
    return { ...pageRows(rows, query.limit), ...(await cappedTotal(db, filtered(db, scopeCode, query))) };
  },

  /** Plans the actor may read among these ids (links to parents and related plans). */
  linksByIds(db: Executor, scopeCode: string, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('plans')
      .select(['id', 'name', 'version', 'state', 'parent_id', 'area_code'])
      .where('id', 'in', ids)
      .where((eb) => visible(eb, scopeCode))
      .execute();
  },

  children(db: Executor, scopeCode: string, id: string) {
    return db
      .selectFrom('plans')
      .select(['id', 'name', 'version', 'state'])
      .where('parent_id', '=', id)
      .where((eb) => visible(eb, scopeCode))
      .orderBy('name')
      .execute();
  },

  versions(db: Executor, scopeCode: string, lineageId: string) {
    return db
      .selectFrom('plans')
      .select(['id', 'name', 'version', 'state'])
      .where('lineage_id', '=', lineageId)
      .where((eb) => visible(eb, scopeCode))
      .orderBy('version')
      .execute();
  },

  /** The versions in force within a scope (overviews); the empty scope is every area. */
  inForce(db: Executor, scopeCode: string): Promise<PlanRow[]> {
    return db
      .selectFrom('plans')
      .selectAll()
      .where('state', 'in', PLAN_IN_FORCE_STATES as PlanState[])
      .where((eb) => inScope(eb, 'plans.area_code', scopeCode))
      .orderBy('owner_department')
      .orderBy('name')
      .execute();
  },

  /** The version in force of a plan lineage, if any. */
  inForceOfLineage(db: Executor, lineageId: string): Promise<PlanRow | undefined> {
    return db
      .selectFrom('plans')
      .selectAll()
      .where('lineage_id', '=', lineageId)
      .where('state', 'in', PLAN_IN_FORCE_STATES as PlanState[])
      .executeTakeFirst();
  },

  async insertMany(db: Executor, rows: Insertable<PlansTable>[]): Promise<void> {
    // Chunks keep each statement under SQLite's bound-parameter limit (35 columns a row).
    for (let i = 0; i < rows.length; i += 25) {
      await db
        .insertInto('plans')
        .values(rows.slice(i, i + 25))
        .execute();
    }
  },

  async update(db: Executor, id: string, changes: Updateable<PlansTable>): Promise<void> {
    await db.updateTable('plans').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('plan_events').where('plan_id', '=', id).execute();
    await db.deleteFrom('plans').where('id', '=', id).execute();
  },

  /** Appends to a plan version's timeline, numbering the entries in order. */
  async appendEvents(db: Executor, events: Omit<Insertable<PlanEventsTable>, 'seq'>[]): Promise<void> {
    const next = new Map<string, number>();
    for (const event of events) {
      let seq = next.get(event.plan_id);
      if (seq === undefined) {
        const last = await db
          .selectFrom('plan_events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('plan_id', '=', event.plan_id)
          .executeTakeFirst();
        seq = Number(last?.seq ?? 0) + 1;
      }
      await db
        .insertInto('plan_events')
        .values({ ...event, seq })
        .execute();
      next.set(event.plan_id, seq + 1);
    }
  },

  timeline(db: Executor, planId: string): Promise<PlanEventRow[]> {
    return db.selectFrom('plan_events').selectAll().where('plan_id', '=', planId).orderBy('seq').execute();
  },

  /** System-level: every version in force, for the matcher's index (no actor, no scope). */
  everythingInForce(db: Executor): Promise<PlanRow[]> {
    return plansRepo.inForce(db, '');
  },
};

export const attachmentsRepo = {
  ofPlan(db: Executor, planId: string): Promise<AttachmentRow[]> {
    return db.selectFrom('plan_attachments').selectAll().where('plan_id', '=', planId).orderBy('uploaded_at').execute();
  },

  byId(db: Executor, planId: string, id: string): Promise<AttachmentRow | undefined> {
    return db.selectFrom('plan_attachments').selectAll().where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst();
  },

  async counts(db: Executor, planIds: readonly string[]): Promise<Map<string, number>> {
    if (planIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('plan_attachments')
      .select(['plan_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('plan_id', 'in', planIds)
      .groupBy('plan_id')
      .execute();
    return new Map(rows.map((r) => [r.plan_id, Number(r.n)]));
  },

  async insert(db: Executor, row: Insertable<PlanAttachmentsTable>): Promise<void> {
    await db.insertInto('plan_attachments').values(row).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('plan_attachments').where('id', '=', id).execute();
  },
};
