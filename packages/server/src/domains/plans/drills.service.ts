import { randomUUID } from 'node:crypto';
import type { CappedPage } from '@yingji/contracts/common.ts';
import type {
  Drill,
  DrillCancel,
  DrillCreate,
  DrillEvaluation,
  DrillExecution,
  DrillListQuery,
  DrillParticipant,
  DrillState,
  DrillUpdate,
} from '@yingji/contracts/plans-drills.ts';
import { DRILL_STATE_NAMES } from '@yingji/contracts/plans-drills.ts';
import type { Insertable, Updateable } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { parseJson } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { drillsRepo, type DrillRow } from './drills.repo.ts';
import type { PlansDeps } from './plans.deps.ts';
import { assertMayEdit } from './plans.policy.ts';
import { plansRepo } from './plans.repo.ts';
import { todayInShanghai } from './plans.rules.ts';
import type { PlansService } from './plans.service.ts';
import type { DrillsTable } from './plans.tables.ts';
import type { PlanTx, PlanWriter } from './plans.writer.ts';

export function toDrill(row: DrillRow): Drill {
  return {
    id: row.id,
    planId: row.plan_id,
    planName: row.plan_name,
    planLineageId: row.plan_lineage_id,
    areaCode: row.area_code,
    title: row.title,
    type: row.type,
    scenario: row.scenario,
    organiser: row.organiser,
    participants: JSON.parse(row.participants) as DrillParticipant[],
    plannedOn: row.planned_on,
    state: row.state,
    execution: parseJson<Drill['execution']>(row.execution),
    evaluation: parseJson<Drill['evaluation']>(row.evaluation),
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * 应急演练: planned for a plan, carried out, evaluated. A follow-up action that needs the plan changed flags the plan
 * in force for revision, in the same transaction as the evaluation. Drills are scoped by where they are held.
 */
export class DrillsService {
  constructor(
    private readonly deps: PlansDeps,
    private readonly writer: PlanWriter,
    private readonly plans: PlansService,
  ) {}

  async list(actor: Actor, query: DrillListQuery): Promise<CappedPage<Drill>> {
    assertCan(actor, 'plans:read');
    const { rows, ...page } = await drillsRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: rows.map(toDrill), ...page };
  }

  async get(actor: Actor, id: string): Promise<Drill> {
    assertCan(actor, 'plans:read');
    const row = await drillsRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('DRILL_NOT_FOUND', { id });
    return toDrill(row);
  }

  private today(): string {
    return todayInShanghai(this.deps.clock.now());
  }

  /** A drill row for a plan the actor can see, held in an area of the actor's (the plan's own area by default). */
  async newRow(actor: Actor, input: DrillCreate, demo = false): Promise<Insertable<DrillsTable>> {
    const plan = await this.plans.row(actor, input.planId);
    if (plan.state === 'superseded') fail('DRILL_PLAN_INVALID', { planId: plan.id, nextVersionId: plan.next_version_id });
    const areaCode = input.areaCode ?? plan.area_code;
    await this.plans.assertArea(areaCode);
    assertMayEdit(actor, { category: plan.category, areaCode });
    const now = this.deps.clock.now().toISOString();
    return {
      id: randomUUID(),
      plan_id: plan.id,
      plan_lineage_id: plan.lineage_id,
      area_code: areaCode,
      title: input.title,
      type: input.type,
      scenario: input.scenario,
      organiser: input.organiser,
      participants: JSON.stringify(input.participants),
      planned_on: input.plannedOn,
      state: 'planned',
      conducted_on: null,
      execution: null,
      evaluation: null,
      cancel_reason: null,
      demo: demo ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
  }

  async create(actor: Actor, input: DrillCreate): Promise<Drill> {
    const row = await this.newRow(actor, input);
    await this.writer.transact(actor, async (tx) => {
      await drillsRepo.insertMany(tx.trx, [row]);
      const created = toDrill((await drillsRepo.byId(tx.trx, '', row.id))!);
      await this.deps.audit.record(tx.trx, actor, {
        action: 'drill.create',
        entity: 'drill',
        entityId: row.id,
        areaCode: row.area_code,
        after: created,
      });
    });
    await this.deps.events.publish('drills.changed', row.area_code, { id: row.id, planId: row.plan_id, state: 'planned' });
    return this.get(actor, row.id);
  }

  /** Changes a drill in a state it may change from; audited, with the event after commit. */
  private async change(
    actor: Actor,
    id: string,
    action: string,
    from: DrillState[],
    decide: (row: DrillRow, tx: PlanTx) => Promise<Updateable<DrillsTable>>,
  ): Promise<Drill> {
    const after = await this.writer.transact(actor, async (tx) => {
      const row = await drillsRepo.lockById(tx.trx, actor.areaCode, id);
      if (!row) fail('DRILL_NOT_FOUND', { id });
      assertMayEdit(actor, { category: (await plansRepo.byId(tx.trx, '', row.plan_id))!.category, areaCode: row.area_code });
      if (!from.includes(row.state)) {
        const message = `演练当前为“${DRILL_STATE_NAMES[row.state]}”，不能执行此操作（须为：${from.map((s) => DRILL_STATE_NAMES[s]).join('、')}）`;
        fail('DRILL_STATE_INVALID', { state: row.state, allowedFrom: from }, message);
      }
      await drillsRepo.update(tx.trx, id, { ...(await decide(row, tx)), updated_at: this.deps.clock.now().toISOString() });
      const changed = toDrill((await drillsRepo.byId(tx.trx, '', id))!);
      await this.deps.audit.record(tx.trx, actor, {
        action,
        entity: 'drill',
        entityId: id,
        areaCode: row.area_code,
        before: toDrill(row),
        after: changed,
      });
      return changed;
    });
    await this.deps.events.publish('drills.changed', after.areaCode, { id, planId: after.planId, state: after.state });
    return after;
  }

  update(actor: Actor, id: string, input: DrillUpdate): Promise<Drill> {
    return this.change(actor, id, 'drill.update', ['planned'], async () => ({
      ...(input.title !== undefined && { title: input.title }),
      ...(input.type !== undefined && { type: input.type }),
      ...(input.scenario !== undefined && { scenario: input.scenario }),
      ...(input.organiser !== undefined && { organiser: input.organiser }),
      ...(input.participants !== undefined && { participants: JSON.stringify(input.participants) }),
      ...(input.plannedOn !== undefined && { planned_on: input.plannedOn }),
    }));
  }

  /** 实施记录: the drill took place (not in the future). */
  recordExecution(actor: Actor, id: string, input: DrillExecution): Promise<Drill> {
    if (input.conductedOn > this.today()) fail('PLAN_DATE_INVALID', { conductedOn: input.conductedOn }, '实施日期不能晚于今天');
    return this.change(actor, id, 'drill.execute', ['planned'], async () => ({
      state: 'conducted',
      conducted_on: input.conductedOn,
      execution: JSON.stringify(input),
    }));
  }

  /**
   * 评估: problems found and follow-up actions. Actions that require a plan change flag the plan in force of the
   * drilled plan for revision (修订 trigger "演练发现问题"), in the same transaction.
   */
  evaluate(actor: Actor, id: string, input: DrillEvaluation): Promise<Drill> {
    return this.change(actor, id, 'drill.evaluate', ['conducted'], async (row, tx) => {
      const revisions = input.actions.filter((a) => a.requiresRevision);
      if (revisions.length > 0) {
        const inForce = await plansRepo.inForceOfLineage(tx.trx, row.plan_lineage_id);
        if (inForce) {
          const reason = `演练“${row.title}”发现问题：${revisions.map((a) => a.description).join('；')}`;
          await tx.flagRevision((await plansRepo.lockById(tx.trx, '', inForce.id))!, { trigger: 'lessons', reason });
        }
      }
      const evaluation = { ...input, evaluatedAt: this.deps.clock.now().toISOString(), evaluatedBy: actor.username };
      return { state: 'evaluated', evaluation: JSON.stringify(evaluation) };
    });
  }

  cancel(actor: Actor, id: string, input: DrillCancel): Promise<Drill> {
    return this.change(actor, id, 'drill.cancel', ['planned'], async () => ({ state: 'cancelled', cancel_reason: input.reason }));
  }
}
