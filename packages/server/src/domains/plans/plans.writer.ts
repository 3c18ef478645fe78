import { randomUUID } from 'node:crypto';
import type { PlanEventKind, PlanState, RevisionTrigger } from '@yingji/contracts/plans.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import type { PlansDeps } from './plans.deps.ts';
import { toPlan, type PlanViewContext } from './plans.mappers.ts';
import { plansRepo, type PlanRow } from './plans.repo.ts';
import { PLAN_REVISION } from './plans.rules-config.ts';
import type { PlansTable } from './plans.tables.ts';

/** One change of a plan version decided inside the transaction: the columns to set, and what the timeline says. */
export interface PlanChange {
  changes: Updateable<PlansTable>;
  note?: string | null;
  details?: unknown;
  /** Added to the audit's after-snapshot (the digital content is left out of it otherwise). */
  auditExtra?: Record<string, unknown>;
}

/**
 * A transaction over plan versions: each change is written, appended to the version's timeline and to the audit log
 * (who, when, before/after) in the transaction; the events are collected and go out after commit.
 */
export class PlanTx {
  readonly changed: { id: string; lineageId: string; kind: PlanEventKind; state: PlanState; areaCode: string }[] = [];
  readonly flagged: { id: string; name: string; trigger: RevisionTrigger; reason: string; areaCode: string }[] = [];

  constructor(
    readonly trx: Executor,
    readonly actor: Actor,
    /** Read before the transaction began: on SQLite nothing outside the transaction can be read inside it. */
    readonly ctx: PlanViewContext,
    private readonly deps: PlansDeps,
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** The plan locked for a change: readable by the actor (each caller checks the write policy on it). */
  async locked(id: string): Promise<PlanRow> {
    const row = await plansRepo.lockById(this.trx, this.actor.areaCode, id);
    if (!row) fail('PLAN_NOT_FOUND', { id });
    return row;
  }

  async apply(before: PlanRow, kind: PlanEventKind, change: PlanChange): Promise<PlanRow> {
    await plansRepo.update(this.trx, before.id, { ...change.changes, updated_at: this.now() });
    const after = (await plansRepo.byId(this.trx, '', before.id))!;
    await this.timeline(after.id, kind, before.state, after.state, change.note ?? null, change.details ?? null);
    await this.deps.audit.record(this.trx, this.actor, {
      action: `plan.${kind}`,
      entity: 'plan',
      entityId: after.id,
      areaCode: after.area_code,
      before: toPlan(before, this.ctx),
      after: { ...toPlan(after, this.ctx), ...change.auditExtra },
    });
    this.changed.push({ id: after.id, lineageId: after.lineage_id, kind, state: after.state, areaCode: after.area_code });
    return after;
  }

  /** Inserts new plan versions (registration, a revision, the demo), each with its first timeline entry and audit. */
  async insert(rows: Insertable<PlansTable>[], audit: { action: string; note?: string | null; details?: unknown }) {
    await plansRepo.insertMany(this.trx, rows);
    for (const row of rows) {
      const stored = (await plansRepo.byId(this.trx, '', row.id))!;
      // Every version begins 编制中 (the demo's later steps follow on its timeline, dated).
      await this.timeline(row.id, 'create', null, 'drafting', audit.note ?? null, audit.details ?? null, stored.created_at);
      await this.deps.audit.record(this.trx, this.actor, {
        action: audit.action,
        entity: 'plan',
        entityId: row.id,
        areaCode: row.area_code,
        after: toPlan(stored, this.ctx),
      });
      this.changed.push({ id: row.id, lineageId: row.lineage_id, kind: 'create', state: stored.state, areaCode: row.area_code });
    }
  }

  timeline(
    planId: string,
    kind: PlanEventKind,
    from: PlanState | null,
    to: PlanState | null,
    note: string | null,
    details: unknown,
    at = this.now(),
  ): Promise<void> {
    return plansRepo.appendEvents(this.trx, [
      {
        id: randomUUID(),
        plan_id: planId,
        kind,
        from_state: from,
        to_state: to,
        actor_name: this.actor.username,
        at,
        note,
        details: details === null || details === undefined ? null : JSON.stringify(details),
      },
    ]);
  }

  /** The columns that flag a plan for revision; the event 'plans.revision_flagged' goes out after commit. */
  revisionFlag(plan: PlanRow, flag: { trigger: RevisionTrigger; reason: string }): Updateable<PlansTable> {
    this.flagged.push({ id: plan.id, name: plan.name, ...flag, areaCode: plan.area_code });
    return {
      revision_trigger: flag.trigger,
      revision_reason: flag.reason,
      revision_flagged_at: this.now(),
      revision_flagged_by: this.actor.username,
    };
  }

  /** Flags a plan in force for revision as a step of its own (a drill's follow-up action asks for it). */
  flagRevision(plan: PlanRow, flag: { trigger: RevisionTrigger; reason: string }): Promise<PlanRow> {
    return this.apply(plan, 'mark_revision', {
      changes: this.revisionFlag(plan, flag),
      note: flag.reason,
      details: { trigger: flag.trigger },
    });
  }
}

/** Runs plan changes in a transaction (PlanTx) and publishes their events after commit. */
export class PlanWriter {
  constructor(private readonly deps: PlansDeps) {}

  async transact<T>(actor: Actor, work: (tx: PlanTx) => Promise<T>): Promise<T> {
    const { years } = await this.deps.rules.get(PLAN_REVISION);
    const ctx: PlanViewContext = { areaNames: new Map(), attachmentCounts: new Map(), revisionYears: years };
    let tx: PlanTx | undefined;
    const result = await this.deps.db.kysely.transaction().execute((trx) => {
      tx = new PlanTx(trx, actor, ctx, this.deps);
      return work(tx);
    });
    const { events } = this.deps;
    for (const c of tx!.changed) {
      await events.publish('plans.changed', c.areaCode, { id: c.id, lineageId: c.lineageId, kind: c.kind, state: c.state });
    }
    for (const f of tx!.flagged) {
      await events.publish('plans.revision_flagged', f.areaCode, {
        id: f.id,
        name: f.name,
        trigger: f.trigger,
        reason: f.reason,
      });
    }
    return result;
  }
}
