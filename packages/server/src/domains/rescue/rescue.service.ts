import type { LocatedItem } from '@yingji/contracts/located.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { AreasService } from '../areas/areas.service.ts';
import { EquipmentService } from './equipment.service.ts';
import { ExpertsService } from './experts.service.ts';
import { MembersService } from './members.service.ts';
import type { RescueDeps } from './rescue.deps.ts';
import { loadRescueDemo } from './rescue.demo.ts';
import { RescueExcel } from './rescue.excel.ts';
import { TeamsService } from './teams.service.ts';

/**
 * 救援力量: teams with their members, the expert pool and equipment. One entry point for the composition root;
 * each register has its own service.
 */
export class RescueService {
  readonly teams: TeamsService;
  readonly members: MembersService;
  readonly experts: ExpertsService;
  readonly equipment: EquipmentService;
  readonly excel: RescueExcel;

  constructor(private readonly deps: RescueDeps) {
    this.teams = new TeamsService(deps);
    this.members = new MembersService(deps);
    this.experts = new ExpertsService(deps);
    this.equipment = new EquipmentService(deps);
    this.excel = new RescueExcel(deps, this);
  }

  /**
   * Teams and experts as the spatial search indexes them: system-level, every entry. Refresh on 'rescue.changed'.
   * props carry what the nearby filters need.
   */
  async allLocated(): Promise<LocatedItem[]> {
    const [teams, experts] = await Promise.all([this.teams.allRows(), this.experts.allRows()]);
    return [
      ...teams.map((t) => ({
        kind: 'team' as const,
        id: t.id,
        name: t.name,
        lon: Number(t.lon),
        lat: Number(t.lat),
        areaCode: t.area_code,
        props: { type: t.type, level: t.level, members: t.member_count, dutyState: t.duty_state },
      })),
      ...experts.map((e) => ({
        kind: 'expert' as const,
        id: e.id,
        name: e.name,
        lon: Number(e.lon),
        lat: Number(e.lat),
        areaCode: e.area_code,
        props: { fields: JSON.parse(e.fields) as string[], available: e.available === 1 },
      })),
    ];
  }

  /** The demo county's teams, experts and equipment (marked demo); does nothing if they are already there. */
  loadDemo(actor: Actor, countyCode: string, areas: Pick<AreasService, 'geojson'>): Promise<{ teams: number }> {
    return loadRescueDemo(this.deps, areas, actor, countyCode);
  }
}
