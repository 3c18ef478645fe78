import { describe, expect, it } from 'vitest';
import { addDays, belowStandard, daysBetween, shanghaiDate, type TeamHeadcount } from './rescue.rules.ts';
import { TEAM_MINIMUM_MEMBERS } from './rescue.rules-config.ts';

const team = (
  id: string,
  level: TeamHeadcount['level'],
  members: number,
  type: TeamHeadcount['type'] = 'comprehensive',
): TeamHeadcount => ({
  id,
  name: id,
  type,
  level,
  areaCode: '441825',
  members,
});

describe('rescue rules', () => {
  it('checks R-08 minimums per level, only for the listed types, worst shortfall first', () => {
    const rule = TEAM_MINIMUM_MEMBERS.default;
    const result = belowStandard(
      [
        team('county', 'county', 29),
        team('town-ok', 'township', 20),
        team('town-short', 'township', 12),
        team('village-short', 'village', 9),
        team('enterprise', 'enterprise', 1),
        team('forest', 'township', 5, 'forest_fire'),
      ],
      rule,
    );
    expect(result.checked).toBe(4);
    expect(result.items.map((i) => [i.teamId, i.required, i.shortfall])).toEqual([
      ['town-short', 20, 8],
      ['county', 30, 1],
      ['village-short', 10, 1],
    ]);
  });

  it('counts calendar days in Asia/Shanghai', () => {
    // 17:00 UTC is already the next day in Shanghai.
    expect(shanghaiDate(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
    expect(shanghaiDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(daysBetween('2026-07-01', '2026-06-30')).toBe(-1);
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
