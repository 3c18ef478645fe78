import type { CoverageRow, CoverageStatus, CoverageThresholds, ShelterGrade, ShelterType } from '@yingji/contracts/shelters.ts';

export type AreaPerPerson = Record<ShelterGrade, number>;

/**
 * 可容纳人数 from the usable area and the norm of the shelter's grade. Rounded down: a person needs the whole norm.
 * The small epsilon keeps 3000 m² ÷ 1.5 at 2000 despite binary floating point.
 */
export function shelterCapacity(usableArea: number, grade: ShelterGrade, norms: AreaPerPerson): number {
  return Math.max(0, Math.floor(usableArea / norms[grade] + 1e-9));
}

export interface CoverageShelter {
  type: ShelterType;
  grade: ShelterGrade;
  capacity: number;
}

/** Whether a shelter counts towards a township's outdoor or indoor capacity under R-09 (or towards neither). */
export function coverageSide(
  shelter: Pick<CoverageShelter, 'type' | 'grade'>,
  t: CoverageThresholds,
): 'outdoor' | 'indoor' | null {
  if (shelter.type === 'indoor') return 'indoor';
  return t.outdoorGrades.includes(shelter.grade) ? 'outdoor' : null;
}

export function coverageStatus(
  population: number | null,
  outdoorRatio: number | null,
  indoorRatio: number | null,
  t: CoverageThresholds,
): CoverageStatus {
  if (!population || outdoorRatio === null || indoorRatio === null) return 'no_population';
  // Ratios are compared in whole persons, so 20 % of 1000 people is met by exactly 200 places.
  return outdoorRatio >= t.outdoorMin - 1e-12 && indoorRatio >= t.indoorMin - 1e-12 ? 'sufficient' : 'insufficient';
}

/** One line of the R-09 table: capacities summed by side, ratios to the population, the status. */
export function coverageRow(
  area: { code: string | null; name: string; population: number | null },
  shelters: CoverageShelter[],
  t: CoverageThresholds,
): Omit<CoverageRow, 'areaCode'> & { areaCode: string | null } {
  let outdoorShelters = 0;
  let outdoorCapacity = 0;
  let indoorShelters = 0;
  let indoorCapacity = 0;
  for (const shelter of shelters) {
    const side = coverageSide(shelter, t);
    if (side === 'outdoor') {
      outdoorShelters += 1;
      outdoorCapacity += shelter.capacity;
    } else if (side === 'indoor') {
      indoorShelters += 1;
      indoorCapacity += shelter.capacity;
    }
  }
  const population = area.population;
  const outdoorRatio = population ? outdoorCapacity / population : null;
  const indoorRatio = population ? indoorCapacity / population : null;
  return {
    areaCode: area.code,
    areaName: area.name,
    population,
    outdoorShelters,
    outdoorCapacity,
    outdoorRatio,
    indoorShelters,
    indoorCapacity,
    indoorRatio,
    status: coverageStatus(population, outdoorRatio, indoorRatio, t),
  };
}

/** The township a record belongs to: the first 9 digits of a township or village code, none for a county code. */
export function townshipOf(areaCode: string): string | null {
  return areaCode.length >= 9 ? areaCode.slice(0, 9) : null;
}
