import type { LocatedItem } from '@yingji/contracts/located.ts';
import type { SheltersDeps } from './shelters.deps.ts';
import { CoverageService } from './shelters.coverage.ts';
import { dutyHoldersRepo } from './duty-holders.repo.ts';
import { DutyHoldersService } from './duty-holders.service.ts';
import { sheltersRepo } from './shelters.repo.ts';
import { SheltersService, toShelter } from './shelters.service.ts';
import { targetsRepo } from './targets.repo.ts';
import { TargetsService } from './targets.service.ts';

export type { SheltersDeps };
export { SHELTER_AREA_PER_PERSON, SHELTER_COVERAGE } from './shelters.rules-config.ts';

/**
 * The shelters domain's public surface (platform.shelters): 避难场所, 重要防护目标, 责任人, the R-09 coverage report,
 * and every positioned entry for the spatial search. Other domains use only this.
 */
export class SheltersDomain {
  readonly shelters: SheltersService;
  readonly targets: TargetsService;
  readonly dutyHolders: DutyHoldersService;
  readonly coverage: CoverageService;

  constructor(private readonly deps: SheltersDeps) {
    this.shelters = new SheltersService(deps);
    this.targets = new TargetsService(deps);
    this.dutyHolders = new DutyHoldersService(deps);
    this.coverage = new CoverageService(deps);
  }

  /**
   * System-level: the duty-holders who answer for these areas exactly (a township's and its villages' own 责任人, not
   * everyone below), for the warnings domain to warn them.
   */
  async dutyHoldersFor(areaCodes: string[]): Promise<{ id: string; name: string; phone: string; areaCode: string }[]> {
    const wanted = new Set(areaCodes);
    const holders = [];
    for (const township of new Set(areaCodes.map((code) => code.slice(0, 9)))) {
      for (const row of await dutyHoldersRepo.all(this.deps.db.kysely, township)) {
        if (wanted.has(row.area_code)) holders.push({ id: row.id, name: row.name, phone: row.phone, areaCode: row.area_code });
      }
    }
    return holders;
  }

  /**
   * System-level (no actor, every entry): shelters with what "shelters with free capacity" needs, and targets with
   * their head count. The event 'shelters.changed' says when to read this again.
   */
  async allLocated(): Promise<LocatedItem[]> {
    const db = this.deps.db.kysely;
    const [shelters, targets, norms] = await Promise.all([
      sheltersRepo.everything(db),
      targetsRepo.everything(db),
      this.shelters.norms(),
    ]);
    return [
      ...shelters.map((row): LocatedItem => {
        const s = toShelter(row, norms);
        return {
          kind: 'shelter',
          id: s.id,
          name: s.name,
          lon: s.lon,
          lat: s.lat,
          areaCode: s.areaCode,
          props: {
            type: s.type,
            grade: s.grade,
            capacity: s.capacity,
            occupancy: s.occupancy,
            freeCapacity: s.freeCapacity,
            open: s.open,
          },
        };
      }),
      ...targets.map((t): LocatedItem => ({
        kind: 'target',
        id: t.id,
        name: t.name,
        lon: t.lon,
        lat: t.lat,
        areaCode: t.area_code,
        props: { type: t.type, people: t.people },
      })),
    ];
  }
}
