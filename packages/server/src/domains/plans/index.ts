import type { CardsQuery, IncidentFacts, PlanMatchResult } from '@yingji/contracts/plans-digital.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import { AttachmentFiles } from './attachments.files.ts';
import { AttachmentsService } from './attachments.service.ts';
import { cardsFor, renderCards } from './cards.pdf.ts';
import { DrillsService } from './drills.service.ts';
import { LifecycleService } from './lifecycle.service.ts';
import { OverviewsService } from './overviews.service.ts';
import type { PlansDeps } from './plans.deps.ts';
import { digitalOf } from './plans.mappers.ts';
import { PlanMatcher } from './plans.matcher.ts';
import { PlansService } from './plans.service.ts';
import { PlanWriter } from './plans.writer.ts';

export type { PlansDeps };
export { matchPlans, buildPlanIndex, compilePlan, type IndexablePlan, type PlanIndex } from './plans.match.ts';
export { validateDigitalPlan } from './plans.rules.ts';
export { DRILL_FREQUENCY, PLAN_ATTACHMENT_MAX_BYTES, PLAN_REVISION } from './plans.rules-config.ts';

/**
 * 应急预案与演练 — the plans domain's public surface (platform.plans): the register and its lifecycle, attachments,
 * digital plans and their 应急处置卡, drills, the revision and drill reminders, and matching an incident's facts
 * against the digital plans in force (`match`, for E6). Other domains use only this.
 */
export class PlansDomain {
  readonly plans: PlansService;
  readonly lifecycle: LifecycleService;
  readonly attachments: AttachmentsService;
  readonly drills: DrillsService;
  readonly overviews: OverviewsService;
  readonly matcher: PlanMatcher;
  /** Plan changes in a transaction with timeline and audit (the demo loader writes through it too). */
  readonly writer: PlanWriter;

  constructor(private readonly deps: PlansDeps) {
    const writer = new PlanWriter(deps);
    this.writer = writer;
    const files = new AttachmentFiles(deps.dataDir);
    this.plans = new PlansService(deps, writer, files);
    this.lifecycle = new LifecycleService(deps, writer, this.plans);
    this.attachments = new AttachmentsService(deps, writer, files, this.plans);
    this.drills = new DrillsService(deps, writer, this.plans);
    this.overviews = new OverviewsService(deps);
    this.matcher = new PlanMatcher(deps);
  }

  /** System-level, for the response engine (E6): the plans in force matching an incident's facts, best first. */
  match(facts: IncidentFacts): Promise<PlanMatchResult> {
    return this.matcher.match(facts);
  }

  /** The same for a person: the incident must lie in their scope (the plans covering it are then all theirs to read). */
  matchFor(actor: Actor, facts: IncidentFacts): Promise<PlanMatchResult> {
    assertCan(actor, 'plans:read');
    assertWithinScope(actor, facts.areaCode);
    return this.matcher.match(facts);
  }

  /** 应急处置卡 of a plan version as one PDF, a page per role and level. */
  async cards(actor: Actor, id: string, query: CardsQuery): Promise<{ pdf: Buffer; fileName: string; pages: number }> {
    const row = await this.plans.row(actor, id);
    const cards = cardsFor({ name: row.name, version: row.version }, digitalOf(row), query);
    if (cards.length === 0) fail('PLAN_CARDS_EMPTY', { planId: id, ...query });
    const generatedAt = new Date(this.deps.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    return { pdf: await renderCards(cards, generatedAt), fileName: `${row.name}-应急处置卡.pdf`, pages: cards.length };
  }
}
