import type { CoverageReport } from '@yingji/contracts/shelters.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { areasOfLevel } from './duty-holders.service.ts';
import type { SheltersDeps } from './shelters.deps.ts';
import { sheltersRepo } from './shelters.repo.ts';
import { SHELTER_AREA_PER_PERSON, SHELTER_COVERAGE } from './shelters.rules-config.ts';
import { coverageRow, shelterCapacity, townshipOf, type CoverageShelter } from './shelters.rules.ts';

/**
 * R-09 per township: outdoor (中心 + 固定) shelter capacity against 20–30 % of the population, indoor against 3–5 %.
 * Populations come from the areas service (within the actor's scope), capacities from the current area norms.
 */
export class CoverageService {
  constructor(private readonly deps: SheltersDeps) {}

  async report(actor: Actor): Promise<CoverageReport> {
    assertCan(actor, 'shelters:read');
    const [townships, rows, norms, thresholds] = await Promise.all([
      areasOfLevel(this.deps, actor, 'township'),
      sheltersRepo.all(this.deps.db.kysely, actor.areaCode),
      this.deps.rules.get(SHELTER_AREA_PER_PERSON),
      this.deps.rules.get(SHELTER_COVERAGE),
    ]);
    const byTownship = new Map<string, CoverageShelter[]>(townships.map((t) => [t.code, []]));
    for (const row of rows) {
      const township = townshipOf(row.area_code);
      byTownship
        .get(township ?? '')
        ?.push({ type: row.type, grade: row.grade, capacity: shelterCapacity(row.usable_area, row.grade, norms) });
    }
    const lines = townships.map(
      (t) =>
        coverageRow(
          { code: t.code, name: t.name, population: t.population },
          byTownship.get(t.code)!,
          thresholds,
        ) as CoverageReport['rows'][number],
    );
    const known = townships.filter((t) => t.population !== null);
    const total = coverageRow(
      {
        code: actor.areaCode || null,
        name: '合计',
        population: known.length ? known.reduce((n, t) => n + t.population!, 0) : null,
      },
      [...byTownship.values()].flat(),
      thresholds,
    );
    return { thresholds, rows: lines, total };
  }
}
