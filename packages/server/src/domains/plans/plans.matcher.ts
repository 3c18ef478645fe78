import type { PlanHazard } from '@yingji/contracts/plans.ts';
import type { IncidentFacts, PlanMatchResult } from '@yingji/contracts/plans-digital.ts';
import type { PlansDeps } from './plans.deps.ts';
import { digitalOf } from './plans.mappers.ts';
import { buildPlanIndex, matchPlans, type PlanIndex } from './plans.match.ts';
import { plansRepo } from './plans.repo.ts';

/**
 * The in-memory index of the digital plans in force, for matching incidents (E6). Built on first use, dropped on
 * every 'plans.changed' (which every server process receives on PostgreSQL), rebuilt on the next match.
 */
export class PlanMatcher {
  private index: PlanIndex | null = null;
  private loading: Promise<PlanIndex> | null = null;
  /** Counts invalidations, so an index loaded while a change happened is not kept. */
  private generation = 0;

  constructor(private readonly deps: Pick<PlansDeps, 'db' | 'events'>) {
    deps.events.subscribe((event) => {
      if (event.type === 'plans.changed') this.invalidate();
    });
  }

  invalidate(): void {
    this.generation += 1;
    this.index = null;
    this.loading = null;
  }

  /** The index of the plans in force now. */
  current(): Promise<PlanIndex> {
    if (this.index) return Promise.resolve(this.index);
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading = plansRepo.everythingInForce(this.deps.db.kysely).then((rows) => {
      const index = buildPlanIndex(
        rows.map((row) => ({
          id: row.id,
          name: row.name,
          version: row.version,
          category: row.category,
          areaCode: row.area_code,
          ownerDepartment: row.owner_department,
          hazardTypes: JSON.parse(row.hazard_types) as PlanHazard[],
          digital: digitalOf(row),
        })),
      );
      if (generation === this.generation) this.index = index;
      return index;
    });
    this.loading = loading;
    loading
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      })
      .catch(() => undefined);
    return loading;
  }

  /** System-level (no actor): the plans in force that match the facts, best first. */
  async match(facts: IncidentFacts): Promise<PlanMatchResult> {
    return matchPlans(await this.current(), facts);
  }
}
