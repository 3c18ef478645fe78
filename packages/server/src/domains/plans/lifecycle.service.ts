import { randomUUID } from 'node:crypto';
import {
  allowedSteps,
  LIFECYCLE_STEP_NAMES,
  PLAN_STATE_NAMES,
  type FilePlan,
  type FinishEvaluation,
  type LifecycleStep,
  type MarkRevision,
  type PlanDetail,
  type Publish,
  type ReturnDraft,
  type ReviewOpinionInput,
  type Reviewer,
  type StepNote,
  type SubmitReview,
} from '@yingji/contracts/plans.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan, can } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import type { PlansDeps } from './plans.deps.ts';
import { digitalOf } from './plans.mappers.ts';
import { assertMayEdit } from './plans.policy.ts';
import { LIFECYCLE_UNSTARTED, plansRepo, type PlanRow } from './plans.repo.ts';
import { stepTarget, todayInShanghai, validateDigitalPlan } from './plans.rules.ts';
import type { PlansService } from './plans.service.ts';
import type { PlanChange, PlanTx, PlanWriter } from './plans.writer.ts';

type Review = { round: number; reviewers: Reviewer[] };

/**
 * The lifecycle 编制 → 评审 → 审批 → 发布 → 备案 → 评估 → 修订 (PLAN_LIFECYCLE in the contracts). A step out of order is
 * refused with the current state and the steps allowed from it; every step is on the version's timeline and in the
 * audit log. 修订 drafts a new version beside the one in force, which it replaces when it is published.
 */
export class LifecycleService {
  constructor(
    private readonly deps: PlansDeps,
    private readonly writer: PlanWriter,
    private readonly plans: PlansService,
  ) {}

  /** Who may take each step: approval is the leader's, review opinions the reviewers' clerks', the rest the editors'. */
  private assertMayTake(actor: Actor, row: PlanRow, step: LifecycleStep): void {
    if (step === 'approve' || (step === 'return_draft' && row.state === 'approving')) {
      assertCan(actor, 'plans:approve');
      assertWithinScope(actor, row.area_code);
    } else if (step === 'review_opinion') {
      assertCan(actor, 'plans:review');
      assertWithinScope(actor, row.area_code);
    } else {
      assertMayEdit(actor, { category: row.category, areaCode: row.area_code });
    }
  }

  /** Takes one step on a plan version in a transaction: checks who and in which order, then applies `decide`. */
  private async step(
    actor: Actor,
    id: string,
    step: LifecycleStep,
    decide: (row: PlanRow, tx: PlanTx) => Promise<PlanChange>,
  ): Promise<PlanDetail> {
    if (!(['plans:edit', 'plans:review', 'plans:approve'] as const).some((p) => can(actor, p))) assertCan(actor, 'plans:edit');
    await this.writer.transact(actor, async (tx) => {
      const row = await tx.locked(id);
      this.assertMayTake(actor, row, step);
      const target = stepTarget(row.state, step, { filingNumber: row.filing_number });
      if (!target) {
        const allowed = allowedSteps(row.state);
        const hint = allowed.length > 0 ? `；当前可执行：${allowed.map((s) => LIFECYCLE_STEP_NAMES[s]).join('、')}` : '';
        fail(
          'PLAN_STEP_OUT_OF_ORDER',
          { state: row.state, step, allowedSteps: allowed },
          `预案当前状态为“${PLAN_STATE_NAMES[row.state]}”，不能“${LIFECYCLE_STEP_NAMES[step]}”${hint}`,
        );
      }
      const change = await decide(row, tx);
      await tx.apply(row, step, { ...change, changes: { state: target.to, ...change.changes } });
    });
    return this.plans.get(actor, id);
  }

  submitReview(actor: Actor, id: string, input: SubmitReview): Promise<PlanDetail> {
    return this.step(actor, id, 'submit_review', async (row) => {
      const previous = row.review ? (JSON.parse(row.review) as Review) : null;
      const review: Review = {
        round: (previous?.round ?? 0) + 1,
        reviewers: input.reviewers.map((r) => ({ name: r.name, unit: r.unit, opinion: null, comment: null, recordedAt: null })),
      };
      return { changes: { review: JSON.stringify(review) }, note: input.note, details: { reviewers: input.reviewers } };
    });
  }

  recordOpinion(actor: Actor, id: string, input: ReviewOpinionInput): Promise<PlanDetail> {
    return this.step(actor, id, 'review_opinion', async (row) => {
      const review = JSON.parse(row.review!) as Review;
      const reviewer = review.reviewers.find((r) => r.name === input.reviewer);
      if (!reviewer) fail('PLAN_REVIEWER_UNKNOWN', { reviewer: input.reviewer, reviewers: review.reviewers.map((r) => r.name) });
      Object.assign(reviewer, {
        opinion: input.opinion,
        comment: input.comment,
        recordedAt: this.deps.clock.now().toISOString(),
      });
      return { changes: { review: JSON.stringify(review) }, note: input.comment, details: input };
    });
  }

  submitApproval(actor: Actor, id: string, input: StepNote): Promise<PlanDetail> {
    return this.step(actor, id, 'submit_approval', async (row) => {
      const review = JSON.parse(row.review!) as Review;
      const pending = review.reviewers.filter((r) => r.opinion === null).map((r) => r.name);
      if (pending.length > 0) fail('PLAN_REVIEW_INCOMPLETE', { pending }, `还有评审人未提交意见：${pending.join('、')}`);
      const against = review.reviewers.filter((r) => r.opinion === 'disagree').map((r) => r.name);
      if (against.length > 0)
        fail('PLAN_REVIEW_REJECTED', { against }, `评审人 ${against.join('、')} 不同意，请退回修改后重新评审`);
      return { changes: {}, note: input.note };
    });
  }

  returnDraft(actor: Actor, id: string, input: ReturnDraft): Promise<PlanDetail> {
    return this.step(actor, id, 'return_draft', async () => ({ changes: {}, note: input.reason }));
  }

  approve(actor: Actor, id: string, input: StepNote): Promise<PlanDetail> {
    return this.step(actor, id, 'approve', async () => ({ changes: {}, note: input.note }));
  }

  /**
   * 发布: only a digital plan with levels and without overlapping triggers may be published (the validator's errors
   * come back in the details). A new version replaces the one in force, which becomes 已废止.
   */
  publish(actor: Actor, id: string, input: Publish): Promise<PlanDetail> {
    return this.step(actor, id, 'publish', async (row, tx) => {
      const validation = validateDigitalPlan(digitalOf(row), JSON.parse(row.hazard_types));
      if (!validation.publishable) {
        const errors = validation.issues.filter((i) => i.severity === 'error');
        fail(
          'PLAN_NOT_PUBLISHABLE',
          { issues: errors },
          `数字化预案未通过校验，不能发布：${errors.map((e) => e.message).join('；')}`,
        );
      }
      if (input.publishedOn > todayInShanghai(this.deps.clock.now()))
        fail('PLAN_DATE_INVALID', { publishedOn: input.publishedOn }, '印发日期不能晚于今天');
      if (row.previous_version_id) {
        const previous = (await plansRepo.lockById(tx.trx, '', row.previous_version_id))!;
        if (previous.state !== 'superseded') {
          const note = `由 v${row.version} 替代`;
          await tx.apply(previous, 'superseded', { changes: { state: 'superseded' }, note, details: { by: row.id } });
        }
      }
      return {
        changes: { published_on: input.publishedOn, document_number: input.documentNumber },
        note: input.note,
        details: { publishedOn: input.publishedOn, documentNumber: input.documentNumber, warnings: validation.issues },
      };
    });
  }

  file(actor: Actor, id: string, input: FilePlan): Promise<PlanDetail> {
    return this.step(actor, id, 'file', async (row) => {
      if (input.filedOn > todayInShanghai(this.deps.clock.now()) || (row.published_on && input.filedOn < row.published_on))
        fail(
          'PLAN_DATE_INVALID',
          { filedOn: input.filedOn, publishedOn: row.published_on },
          '备案日期应在印发日期之后，且不晚于今天',
        );
      return {
        changes: { filing_number: input.filingNumber, filed_with: input.filedWith, filed_on: input.filedOn },
        note: input.note,
        details: { filingNumber: input.filingNumber, filedWith: input.filedWith, filedOn: input.filedOn },
      };
    });
  }

  startEvaluation(actor: Actor, id: string, input: StepNote): Promise<PlanDetail> {
    return this.step(actor, id, 'start_evaluation', async () => ({ changes: {}, note: input.note }));
  }

  /** 评估结论: the plan stays in force; a conclusion of 需要修订 flags it for revision with the findings. */
  finishEvaluation(actor: Actor, id: string, input: FinishEvaluation): Promise<PlanDetail> {
    return this.step(actor, id, 'finish_evaluation', async (row, tx) => ({
      changes: input.conclusion === 'revise' ? tx.revisionFlag(row, { trigger: 'evaluation', reason: input.findings }) : {},
      note: input.findings,
      details: { conclusion: input.conclusion },
    }));
  }

  /** 标记需修订: the organisation, resources or risks changed (国办发〔2013〕101号 Art. 25). */
  markRevision(actor: Actor, id: string, input: MarkRevision): Promise<PlanDetail> {
    return this.step(actor, id, 'mark_revision', async (row, tx) => ({
      changes: tx.revisionFlag(row, input),
      note: input.reason,
      details: { trigger: input.trigger },
    }));
  }

  /** 修订: a new version (drafting) with this version's content, beside this one, which stays in force until then. */
  async revise(actor: Actor, id: string, input: StepNote): Promise<PlanDetail> {
    let draftId = '';
    await this.step(actor, id, 'revise', async (row, tx) => {
      if (row.next_version_id) fail('PLAN_REVISION_EXISTS', { draftId: row.next_version_id });
      draftId = randomUUID();
      const now = this.deps.clock.now().toISOString();
      await tx.insert(
        [
          {
            ...row,
            id: draftId,
            version: row.version + 1,
            state: 'drafting',
            ...LIFECYCLE_UNSTARTED,
            previous_version_id: row.id,
            created_at: now,
            updated_at: now,
          },
        ],
        {
          action: 'plan.revision_draft',
          note: input.note ?? row.revision_reason,
          details: { from: row.id, version: row.version },
        },
      );
      return { changes: { next_version_id: draftId }, note: input.note, details: { draftId } };
    });
    return this.plans.get(actor, draftId);
  }
}
