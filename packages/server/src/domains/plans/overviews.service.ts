import type { RevisionOverview, RevisionStatus } from '@yingji/contracts/plans.ts';
import type { DrillDuePlan, DrillDueStatus, DrillFrequencyOverview } from '@yingji/contracts/plans-drills.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { drillsRepo } from './drills.repo.ts';
import type { PlansDeps } from './plans.deps.ts';
import { revisionFlagOf } from './plans.mappers.ts';
import { plansRepo } from './plans.repo.ts';
import { DRILL_FREQUENCY, PLAN_REVISION } from './plans.rules-config.ts';
import { drillDue, drillIntervalMonths, revisionStatus, todayInShanghai } from './plans.rules.ts';

const REVISION_ORDER: Record<RevisionStatus, number> = { overdue: 0, flagged: 1, due_soon: 2, ok: 3 };
const DRILL_ORDER: Record<DrillDueStatus, number> = { overdue: 0, due_soon: 1, ok: 2 };

/** Groups items by department: departments with the most overdue first, then by name. */
function byDepartment<T, S>(items: { department: string; item: T }[], summarise: (items: T[]) => S & { overdue: number }) {
  const groups = new Map<string, T[]>();
  for (const { department, item } of items) groups.set(department, [...(groups.get(department) ?? []), item]);
  return [...groups.entries()]
    .map(([department, plans]) => ({ department, ...summarise(plans), plans }))
    .sort((a, b) => b.overdue - a.overdue || a.department.localeCompare(b.department, 'zh-CN'));
}

/**
 * The reminders of WF-09, per 编制单位: plans in force due for revision (the configured years after publication, or
 * flagged because their organisation, resources or risks changed), and plans whose drills are overdue (B.10).
 * Both read the plans of the actor's own scope (an area filter narrows it).
 */
export class OverviewsService {
  constructor(private readonly deps: PlansDeps) {}

  private scope(actor: Actor, areaCode: string | undefined): string {
    assertCan(actor, 'plans:read');
    if (areaCode !== undefined) assertWithinScope(actor, areaCode);
    return areaCode ?? actor.areaCode;
  }

  async revisions(actor: Actor, query: { areaCode?: string | undefined }): Promise<RevisionOverview> {
    const scope = this.scope(actor, query.areaCode);
    const rule = await this.deps.rules.get(PLAN_REVISION);
    const today = todayInShanghai(this.deps.clock.now());
    const plans = await plansRepo.inForce(this.deps.db.kysely, scope);
    const items = plans.map((p) => {
      const flagged = revisionFlagOf(p);
      const due = revisionStatus({ publishedOn: p.published_on, flagged: flagged !== null }, rule, today);
      return {
        department: p.owner_department,
        item: {
          id: p.id,
          name: p.name,
          version: p.version,
          category: p.category,
          areaCode: p.area_code,
          state: p.state,
          publishedOn: p.published_on,
          ...due,
          flagged,
          nextVersionId: p.next_version_id,
        },
      };
    });
    const departments = byDepartment(items, (list) => ({
      overdue: list.filter((p) => p.status === 'overdue').length,
      flagged: list.filter((p) => p.flagged !== null).length,
      dueSoon: list.filter((p) => p.status === 'due_soon').length,
    }));
    for (const d of departments)
      d.plans.sort((a, b) => REVISION_ORDER[a.status] - REVISION_ORDER[b.status] || a.name.localeCompare(b.name, 'zh-CN'));
    return { today, years: rule.years, warnDays: rule.warnDays, departments };
  }

  async drills(actor: Actor, query: { areaCode?: string | undefined }): Promise<DrillFrequencyOverview> {
    const scope = this.scope(actor, query.areaCode);
    const rule = await this.deps.rules.get(DRILL_FREQUENCY);
    const today = todayInShanghai(this.deps.clock.now());
    const db = this.deps.db.kysely;
    const plans = await plansRepo.inForce(db, scope);
    const dates = await drillsRepo.lineageDates(
      db,
      plans.map((p) => p.lineage_id),
      today,
    );
    const items: { department: string; item: DrillDuePlan }[] = [];
    for (const p of plans) {
      const intervalMonths = drillIntervalMonths({ category: p.category, enterpriseForm: p.enterprise_form }, rule);
      if (intervalMonths === null) continue;
      const { last, next } = dates.get(p.lineage_id)!;
      const due = drillDue(
        { lastDrillOn: last, publishedOn: p.published_on, createdOn: p.created_at.slice(0, 10) },
        intervalMonths,
        rule.warnDays,
        today,
      );
      items.push({
        department: p.owner_department,
        item: {
          planId: p.id,
          name: p.name,
          category: p.category,
          enterpriseForm: p.enterprise_form,
          areaCode: p.area_code,
          state: p.state,
          intervalMonths,
          lastDrillOn: last,
          ...due,
          nextPlannedOn: next,
        },
      });
    }
    const departments = byDepartment(items, (list) => ({
      overdue: list.filter((p) => p.status === 'overdue').length,
      dueSoon: list.filter((p) => p.status === 'due_soon').length,
    }));
    for (const d of departments)
      d.plans.sort((a, b) => DRILL_ORDER[a.status] - DRILL_ORDER[b.status] || a.dueOn.localeCompare(b.dueOn));
    return { today, departments };
  }
}
