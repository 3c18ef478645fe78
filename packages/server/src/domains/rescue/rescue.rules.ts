import type { StandardsItem, TeamLevel, TeamType } from '@yingji/contracts/rescue.ts';

/** Dates a person sees (certificate expiry, maintenance due) are calendar days in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD): negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** YYYY-MM-DD `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface StandardsRule {
  minimumByLevel: Record<TeamLevel, number | null>;
  appliesToTypes: TeamType[];
}

export interface TeamHeadcount {
  id: string;
  name: string;
  type: TeamType;
  level: TeamLevel;
  areaCode: string;
  members: number;
}

/**
 * the teams below their level's minimum, worst shortfall first. Teams of other types, or at a level without a
 * minimum, are not checked.
 */
export function belowStandard(teams: TeamHeadcount[], rule: StandardsRule): { checked: number; items: StandardsItem[] } {
  const checked = teams.filter((t) => rule.appliesToTypes.includes(t.type) && rule.minimumByLevel[t.level] !== null);
  const items = checked
    .map((t) => {
      const required = rule.minimumByLevel[t.level]!;
      return {
        teamId: t.id,
        name: t.name,
        type: t.type,
        level: t.level,
        areaCode: t.areaCode,
        members: t.members,
        required,
        shortfall: required - t.members,
      };
    })
    .filter((i) => i.shortfall > 0)
    .sort((a, b) => b.shortfall - a.shortfall || a.areaCode.localeCompare(b.areaCode) || a.name.localeCompare(b.name));
  return { checked: checked.length, items };
}
