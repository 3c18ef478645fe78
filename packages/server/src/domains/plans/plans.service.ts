import { randomUUID } from 'node:crypto';
import type { CappedPage } from '@yingji/contracts/common.ts';
import {
  allowedSteps,
  type Plan,
  type PlanCreate,
  type PlanDetail,
  type PlanListQuery,
  type PlanUpdate,
} from '@yingji/contracts/plans.ts';
import { EMPTY_DIGITAL_PLAN, type DigitalPlan, type DigitalPlanView } from '@yingji/contracts/plans-digital.ts';
import type { Insertable } from 'kysely';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import type { AttachmentFiles } from './attachments.files.ts';
import type { PlansDeps } from './plans.deps.ts';
import { digitalOf, toAttachment, toLink, toPlan, toTimelineEntry, type PlanViewContext } from './plans.mappers.ts';
import { assertMayEdit } from './plans.policy.ts';
import { attachmentsRepo, LIFECYCLE_UNSTARTED, plansRepo, type PlanRow } from './plans.repo.ts';
import { PLAN_REVISION } from './plans.rules-config.ts';
import { validateDigitalPlan } from './plans.rules.ts';
import type { PlansTable } from './plans.tables.ts';
import type { PlanChange, PlanWriter } from './plans.writer.ts';

/**
 * 预案登记: the register of plan versions (scoped to the actor's area and the areas above it), their details with
 * links, versions, attachments and timeline, and the editing of a version while it is 编制中 (metadata and the digital
 * content). The lifecycle steps are in lifecycle.service.ts.
 */
export class PlansService {
  constructor(
    private readonly deps: PlansDeps,
    private readonly writer: PlanWriter,
    private readonly files: AttachmentFiles,
  ) {}

  /** Names, attachment counts and the revision period for a set of rows. */
  async viewContext(rows: readonly PlanRow[]): Promise<PlanViewContext> {
    const db = this.deps.db.kysely;
    const codes = [...new Set(rows.map((r) => r.area_code))];
    const names = await Promise.all(codes.map(async (code) => [code, await this.deps.areas.nameOf(code)] as const));
    const [attachmentCounts, { years }] = await Promise.all([
      attachmentsRepo.counts(
        db,
        rows.map((r) => r.id),
      ),
      this.deps.rules.get(PLAN_REVISION),
    ]);
    return { areaNames: new Map(names), attachmentCounts, revisionYears: years };
  }

  async views(rows: PlanRow[]): Promise<Plan[]> {
    const ctx = await this.viewContext(rows);
    return rows.map((row) => toPlan(row, ctx));
  }

  async list(actor: Actor, query: PlanListQuery): Promise<CappedPage<Plan>> {
    assertCan(actor, 'plans:read');
    const { rows, ...page } = await plansRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: await this.views(rows), ...page };
  }

  /** A plan version the actor may read, as a row. */
  async row(actor: Actor, id: string): Promise<PlanRow> {
    assertCan(actor, 'plans:read');
    const row = await plansRepo.byId(this.deps.db.kysely, actor.areaCode, id);
    if (!row) fail('PLAN_NOT_FOUND', { id });
    return row;
  }

  async get(actor: Actor, id: string): Promise<PlanDetail> {
    const row = await this.row(actor, id);
    const db = this.deps.db.kysely;
    const relatedIds = JSON.parse(row.related_ids) as string[];
    const [[plan], links, children, versions, attachments, timeline] = await Promise.all([
      this.views([row]),
      plansRepo.linksByIds(db, actor.areaCode, [...(row.parent_id ? [row.parent_id] : []), ...relatedIds]),
      plansRepo.children(db, actor.areaCode, row.id),
      plansRepo.versions(db, actor.areaCode, row.lineage_id),
      attachmentsRepo.ofPlan(db, row.id),
      plansRepo.timeline(db, row.id),
    ]);
    const parent = links.find((l) => l.id === row.parent_id);
    return {
      ...plan!,
      parent: parent ? toLink(parent) : null,
      related: links.filter((l) => relatedIds.includes(l.id)).map(toLink),
      children: children.map(toLink),
      versions: versions.map(toLink),
      attachments: attachments.map(toAttachment),
      timeline: timeline.map(toTimelineEntry),
      allowedSteps: allowedSteps(row.state),
    };
  }

  /**
   * The parent must be a plan the actor can see, and not the plan itself nor one of its descendants (which would
   * make 上下衔接 a loop); related plans must be visible and not the plan itself.
   */
  private async checkLinks(db: Executor, actor: Actor, id: string, parentId: string | null, relatedIds: string[]) {
    const unique = [...new Set(relatedIds)];
    if (unique.includes(id) || parentId === id) fail('PLAN_LINK_INVALID', { id }, '预案不能关联自身');
    const found = await plansRepo.linksByIds(db, actor.areaCode, [...(parentId ? [parentId] : []), ...unique]);
    const missing = [...(parentId ? [parentId] : []), ...unique].filter((x) => !found.some((f) => f.id === x));
    if (missing.length > 0) fail('PLAN_LINK_INVALID', { missing });
    for (let at = found.find((f) => f.id === parentId)?.parent_id ?? null, depth = 0; at && depth < 32; depth += 1) {
      if (at === id) fail('PLAN_LINK_INVALID', { parentId }, '上级预案不能是本预案的下级预案（会形成循环）');
      at = (await plansRepo.linksByIds(db, '', [at]))[0]?.parent_id ?? null;
    }
    return unique;
  }

  async assertArea(areaCode: string): Promise<void> {
    if ((await this.deps.areas.nameOf(areaCode)) === null) fail('AREA_NOT_FOUND', { code: areaCode });
  }

  /**
   * The stored row of a new plan (version 1), checked: the actor may edit it, its links are valid. Its area must have
   * been checked to exist before the transaction (assertArea), since the areas are read through their own service.
   */
  async newRow(trx: Executor, actor: Actor, input: PlanCreate, demo: boolean): Promise<Insertable<PlansTable>> {
    assertMayEdit(actor, input);
    const id = randomUUID();
    const related = await this.checkLinks(trx, actor, id, input.parentId, input.relatedIds);
    const now = this.deps.clock.now().toISOString();
    return {
      id,
      lineage_id: id,
      version: 1,
      name: input.name,
      category: input.category,
      event_class: input.eventClass,
      enterprise_form: input.enterpriseForm,
      owner_department: input.ownerDepartment,
      area_code: input.areaCode,
      hazard_types: JSON.stringify(input.hazardTypes),
      public: input.public ? 1 : 0,
      parent_id: input.parentId,
      related_ids: JSON.stringify(related),
      catalogue_mark: input.catalogueMark,
      summary: input.summary,
      state: 'drafting',
      digital: JSON.stringify(EMPTY_DIGITAL_PLAN),
      level_count: 0,
      ...LIFECYCLE_UNSTARTED,
      previous_version_id: null,
      demo: demo ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
  }

  async create(actor: Actor, input: PlanCreate): Promise<PlanDetail> {
    await this.assertArea(input.areaCode);
    const id = await this.writer.transact(actor, async (tx) => {
      const row = await this.newRow(tx.trx, actor, input, false);
      await tx.insert([row], { action: 'plan.create' });
      return row.id;
    });
    return this.get(actor, id);
  }

  /** Runs an edit of a version that is 编制中, by someone who may edit it. */
  private async editDraft(
    actor: Actor,
    id: string,
    kind: 'update' | 'digital',
    decide: (row: PlanRow, trx: Executor) => Promise<PlanChange>,
  ): Promise<PlanRow> {
    return this.writer.transact(actor, async (tx) => {
      const row = await tx.locked(id);
      assertMayEdit(actor, { category: row.category, areaCode: row.area_code });
      if (row.state !== 'drafting') fail('PLAN_NOT_EDITABLE', { state: row.state });
      return tx.apply(row, kind, await decide(row, tx.trx));
    });
  }

  async update(actor: Actor, id: string, input: PlanUpdate): Promise<PlanDetail> {
    if (input.areaCode !== undefined) await this.assertArea(input.areaCode);
    await this.editDraft(actor, id, 'update', async (row, trx) => {
      const category = input.category ?? row.category;
      const enterpriseForm = input.enterpriseForm === undefined ? row.enterprise_form : input.enterpriseForm;
      if ((category === 'enterprise') !== (enterpriseForm !== null))
        fail('VALIDATION_FAILED', { field: 'enterpriseForm' }, '企业预案须注明形式（综合/专项/现场处置方案），其他类别不填');
      // A move to another area or category must still be the actor's to edit.
      assertMayEdit(actor, { category, areaCode: input.areaCode ?? row.area_code });
      const parentId = input.parentId === undefined ? row.parent_id : input.parentId;
      const related =
        input.parentId !== undefined || input.relatedIds !== undefined
          ? await this.checkLinks(trx, actor, row.id, parentId, input.relatedIds ?? (JSON.parse(row.related_ids) as string[]))
          : undefined;
      return {
        changes: {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.category !== undefined && { category: input.category }),
          ...(input.eventClass !== undefined && { event_class: input.eventClass }),
          enterprise_form: enterpriseForm,
          ...(input.ownerDepartment !== undefined && { owner_department: input.ownerDepartment }),
          ...(input.areaCode !== undefined && { area_code: input.areaCode }),
          ...(input.hazardTypes !== undefined && { hazard_types: JSON.stringify(input.hazardTypes) }),
          ...(input.public !== undefined && { public: input.public ? 1 : 0 }),
          ...(input.parentId !== undefined && { parent_id: input.parentId }),
          ...(related !== undefined && { related_ids: JSON.stringify(related) }),
          ...(input.catalogueMark !== undefined && { catalogue_mark: input.catalogueMark }),
          ...(input.summary !== undefined && { summary: input.summary }),
        },
      };
    });
    return this.get(actor, id);
  }

  /** Deletes a version that is 编制中 (a plan registered by mistake, or an abandoned revision) with its files. */
  async remove(actor: Actor, id: string): Promise<void> {
    const files = await this.writer.transact(actor, async (tx) => {
      const { trx } = tx;
      const row = await tx.locked(id);
      assertMayEdit(actor, { category: row.category, areaCode: row.area_code });
      if (row.state !== 'drafting') fail('PLAN_NOT_DELETABLE', { state: row.state });
      const attachments = await attachmentsRepo.ofPlan(trx, id);
      for (const a of attachments) await attachmentsRepo.remove(trx, a.id);
      await trx.updateTable('plans').set({ parent_id: null }).where('parent_id', '=', id).execute();
      if (row.previous_version_id) {
        const previous = (await plansRepo.lockById(trx, '', row.previous_version_id))!;
        await tx.apply(previous, 'update', { changes: { next_version_id: null }, note: `修订稿 v${row.version} 已删除` });
      }
      await plansRepo.remove(trx, id);
      const before = toPlan(row, tx.ctx);
      await this.deps.audit.record(trx, actor, {
        action: 'plan.delete',
        entity: 'plan',
        entityId: id,
        areaCode: row.area_code,
        before,
      });
      return attachments.map((a) => a.path);
    });
    // Files go once the rows are gone for good; a crash in between leaves an orphan file, never a dangling row.
    await this.files.removeAll(files);
  }

  async digital(actor: Actor, id: string): Promise<DigitalPlanView> {
    const row = await this.row(actor, id);
    return this.digitalView(row);
  }

  digitalView(row: PlanRow): DigitalPlanView {
    const digital = digitalOf(row);
    return { planId: row.id, digital, validation: validateDigitalPlan(digital, JSON.parse(row.hazard_types)) };
  }

  /** Replaces the digital content of a version that is 编制中; the validation is returned, not enforced, until 发布. */
  async setDigital(actor: Actor, id: string, digital: DigitalPlan): Promise<DigitalPlanView> {
    const after = await this.editDraft(actor, id, 'digital', async () => ({
      changes: { digital: JSON.stringify(digital), level_count: digital.levels.length },
      details: { levels: digital.levels.map((l) => l.level) },
      auditExtra: { digital },
    }));
    return this.digitalView(after);
  }
}
