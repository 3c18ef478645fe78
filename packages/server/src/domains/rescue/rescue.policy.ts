import type { TeamLevel } from '@yingji/contracts/rescue.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { fail } from '../../platform/errors.ts';

/**
 * Who keeps which team. Scope follows a team's base, so the county's own teams, based in the county seat, lie inside
 * the seat township's scope; a township officer may see them there but not change them, their members or their
 * equipment: county-level teams are kept by users whose scope is the whole county (or wider).
 */
export function mayKeepTeamOfLevel(actor: Actor, level: TeamLevel): boolean {
  return level !== 'county' || actor.areaCode.length <= 6;
}

export function assertMayKeepTeam(actor: Actor, level: TeamLevel | null | undefined): void {
  if (level && !mayKeepTeamOfLevel(actor, level)) fail('RESCUE_COUNTY_TEAM', { level });
}
