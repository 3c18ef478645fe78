import type { PlanHazard } from '@yingji/contracts/plans.ts';
import { EMPTY_DIGITAL_PLAN, type LevelContent, type Trigger } from '@yingji/contracts/plans-digital.ts';
import { describe, expect, it } from 'vitest';
import { levelWith } from './plans.test-support.ts';
import { buildPlanIndex, matchPlans, type IndexablePlan } from './plans.match.ts';

const range = (min: number, max: number | null) => ({
  min: { value: min, inclusive: true },
  max: max === null ? null : { value: max, inclusive: false },
});
const onDeaths = (min: number, max: number | null): Trigger => ({
  hazards: [],
  warningLevel: null,
  thresholds: [{ metric: 'deaths', ...range(min, max) }],
  description: `死亡 ${min} 人以上`,
});
const onWarning = (hazard: PlanHazard, level: 'blue' | 'yellow' | 'orange' | 'red'): Trigger => ({
  hazards: [hazard],
  warningLevel: { from: level, to: level },
  thresholds: [],
  description: `${hazard} ${level} 预警`,
});

function planOf(id: string, areaCode: string, hazardTypes: PlanHazard[], levels: LevelContent[], name = id): IndexablePlan {
  return {
    id,
    name,
    version: 1,
    category: hazardTypes.length > 0 ? 'special' : 'overall',
    areaCode,
    ownerDepartment: '县应急管理局',
    hazardTypes,
    digital: { ...EMPTY_DIGITAL_PLAN, levels },
  };
}

const FLOOD = planOf(
  'flood',
  '441825',
  ['flood', 'rainstorm'],
  [
    levelWith('IV', [onDeaths(1, 3), onWarning('rainstorm', 'blue')]),
    levelWith('III', [onDeaths(3, 10), onWarning('rainstorm', 'yellow')]),
    levelWith('II', [onDeaths(10, 30), onWarning('rainstorm', 'orange')]),
    levelWith('I', [onDeaths(30, null), onWarning('rainstorm', 'red')]),
  ],
);
const OVERALL = planOf('overall', '441825', [], [levelWith('IV', [onDeaths(1, 10)]), levelWith('II', [onDeaths(10, null)])]);
const TOWNSHIP = planOf('yonghe-flood', '441825100', ['flood'], [levelWith('III', [onDeaths(1, null)])]);
const ELSEWHERE = planOf('other-county', '440983', ['flood'], [levelWith('I', [onDeaths(0, null)])]);
const FIRE = planOf('fire', '441825', ['forest_fire'], [levelWith('IV', [onDeaths(0, null)])]);
const INDEX = buildPlanIndex([FLOOD, OVERALL, TOWNSHIP, ELSEWHERE, FIRE]);

describe('matchPlans', () => {
  it('finds the plans of the hazard and area, each at its highest level that holds, the specific plan first', () => {
    const result = matchPlans(INDEX, { hazard: 'flood', areaCode: '441825104201', deaths: 12 });
    expect(result.matches.map((m) => [m.planId, m.level, m.specific])).toEqual([
      ['flood', 'II', true],
      ['overall', 'II', false],
    ]);
    expect(result.best).toEqual(result.matches[0]);
    expect(result.best!.matchedTriggers).toEqual([{ index: 0, description: '死亡 10 人以上' }]);
  });

  it('takes the highest level any trigger reaches, whichever fact reaches it', () => {
    const result = matchPlans(INDEX, { hazard: 'rainstorm', areaCode: '441825104', deaths: 1, warningLevel: 'orange' });
    expect(result.best).toMatchObject({ planId: 'flood', level: 'II', matchedTriggers: [{ index: 1 }] });
  });

  it('ranks a higher level above a more local plan, and the more local plan above an equal one', () => {
    const higher = matchPlans(INDEX, { hazard: 'flood', areaCode: '441825100201', deaths: 12 });
    expect(higher.matches.map((m) => [m.planId, m.level])).toEqual([
      ['flood', 'II'],
      ['yonghe-flood', 'III'],
      ['overall', 'II'],
    ]);
    const equal = matchPlans(INDEX, { hazard: 'flood', areaCode: '441825100201', deaths: 5 });
    expect(equal.matches.map((m) => [m.planId, m.level])).toEqual([
      ['yonghe-flood', 'III'],
      ['flood', 'III'],
      ['overall', 'IV'],
    ]);
  });

  it('does not hold a trigger on a fact that is not given, nor a plan of another area or hazard', () => {
    expect(matchPlans(INDEX, { hazard: 'flood', areaCode: '441825104' })).toEqual({ best: null, matches: [] });
    expect(matchPlans(INDEX, { hazard: 'rainstorm', areaCode: '441825104', warningLevel: 'blue', deaths: 0 }).best).toMatchObject(
      {
        planId: 'flood',
        level: 'IV',
      },
    );
    expect(matchPlans(INDEX, { hazard: 'earthquake', areaCode: '441825', deaths: 40 }).matches.map((m) => m.planId)).toEqual([
      'overall',
    ]);
  });

  it('respects exclusive and inclusive ends', () => {
    expect(matchPlans(INDEX, { hazard: 'flood', areaCode: '441825', deaths: 3 }).best!.level).toBe('III');
    expect(matchPlans(INDEX, { hazard: 'flood', areaCode: '441825', deaths: 2.99 }).best!.level).toBe('IV');
    expect(matchPlans(INDEX, { hazard: 'flood', areaCode: '441825', deaths: 30 }).best!.level).toBe('I');
  });
});
