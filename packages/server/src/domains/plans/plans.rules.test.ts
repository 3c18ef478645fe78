import {
  EMPTY_DIGITAL_PLAN,
  zDigitalPlan,
  type DigitalPlan,
  type LevelContent,
  type Threshold,
} from '@yingji/contracts/plans-digital.ts';
import { describe, expect, it } from 'vitest';
import { levelWith } from './plans.test-support.ts';
import { DRILL_FREQUENCY } from './plans.rules-config.ts';
import { addMonths, drillDue, drillIntervalMonths, revisionStatus, stepTarget, validateDigitalPlan } from './plans.rules.ts';

const bound = (value: number, inclusive = true) => ({ value, inclusive });
/** "min 以上 max 以下" = [min, max); null for an open end. */
const deaths = (min: number | null, max: number | null): Threshold => ({
  metric: 'deaths',
  min: min === null ? null : bound(min),
  max: max === null ? null : bound(max, false),
});
const onDeaths = (min: number | null, max: number | null) => ({
  hazards: [],
  warningLevel: null,
  thresholds: [deaths(min, max)],
  description: `死亡 ${min} 至 ${max}`,
});
const plan = (levels: LevelContent[]): DigitalPlan => ({ ...EMPTY_DIGITAL_PLAN, levels });

/** The four levels of a 生产安全事故 grading: 1–2, 3–9, 10–29, 30+ deaths. */
const GRADED = plan([
  levelWith('IV', [onDeaths(1, 3)]),
  levelWith('III', [onDeaths(3, 10)]),
  levelWith('II', [onDeaths(10, 30)]),
  levelWith('I', [onDeaths(30, null)]),
]);

describe('the digital-plan validator', () => {
  it('accepts contiguous levels that rise with the level', () => {
    expect(validateDigitalPlan(GRADED, ['flood'])).toEqual({ publishable: true, issues: [] });
  });

  it('refuses a plan with no levels', () => {
    const result = validateDigitalPlan(EMPTY_DIGITAL_PLAN, ['flood']);
    expect(result.publishable).toBe(false);
    expect(result.issues).toEqual([expect.objectContaining({ kind: 'no_levels', severity: 'error' })]);
  });

  it('reports overlapping triggers of two levels as an error, with the overlap', () => {
    const overlapping = plan([
      levelWith('IV', [onDeaths(1, 5)]),
      levelWith('III', [onDeaths(3, 10)]),
      levelWith('II', [onDeaths(10, null)]),
    ]);
    const result = validateDigitalPlan(overlapping, ['flood']);
    expect(result.publishable).toBe(false);
    expect(result.issues).toEqual([
      expect.objectContaining({
        kind: 'overlap',
        severity: 'error',
        levels: ['IV', 'III'],
        hazard: 'flood',
        metric: 'deaths',
        range: { min: bound(3), max: bound(5, false) },
        message: 'Ⅳ级与Ⅲ级的启动条件重叠（洪水 · 死亡人数：死亡人数 [3, 5)）',
      }),
    ]);
  });

  it('sees a shared end as an overlap only when both levels include it', () => {
    const inclusiveBoth = plan([
      levelWith('IV', [{ ...onDeaths(1, 3), thresholds: [{ metric: 'deaths', min: bound(1), max: bound(3) }] }]),
      levelWith('III', [onDeaths(3, null)]),
    ]);
    expect(validateDigitalPlan(inclusiveBoth, []).issues.map((i) => i.kind)).toEqual(['overlap']);
    expect(
      validateDigitalPlan(plan([levelWith('IV', [onDeaths(1, 3)]), levelWith('III', [onDeaths(3, null)])]), []).issues,
    ).toEqual([]);
  });

  it('reports gaps between levels and above the top level as warnings', () => {
    const gappy = plan([
      levelWith('IV', [onDeaths(1, 3)]),
      levelWith('III', [onDeaths(5, 10)]),
      levelWith('II', [onDeaths(10, 30)]),
    ]);
    const result = validateDigitalPlan(gappy, []);
    expect(result.publishable).toBe(true);
    expect(result.issues.map((i) => [i.kind, i.severity, i.range])).toEqual([
      ['gap', 'warning', { min: bound(3), max: bound(5, false) }],
      ['gap', 'warning', { min: bound(30), max: null }],
    ]);
    expect(result.issues[0]!.message).toBe('死亡人数 在 [3, 5) 没有对应的响应级别');
  });

  it('counts whole numbers for head counts: 1–2 then 3–9 leaves no gap, but 2.5–3 losses of money do', () => {
    const people = plan([
      levelWith('IV', [{ ...onDeaths(1, 3), thresholds: [{ metric: 'deaths', min: bound(1), max: bound(2) }] }]),
      levelWith('III', [onDeaths(3, null)]),
    ]);
    expect(validateDigitalPlan(people, []).issues).toEqual([]);
    const money = (min: number, max: number | null): Threshold => ({
      metric: 'economicLoss',
      min: bound(min),
      max: max === null ? null : bound(max),
    });
    const loss = plan([
      levelWith('IV', [{ ...onDeaths(0, 0), thresholds: [money(100, 500)] }]),
      levelWith('III', [{ ...onDeaths(0, 0), thresholds: [money(501, null)] }]),
    ]);
    expect(validateDigitalPlan(loss, []).issues).toEqual([
      expect.objectContaining({ kind: 'gap', metric: 'economicLoss', range: { min: bound(500, false), max: bound(501, false) } }),
    ]);
  });

  it('reports levels in the wrong order and levels without triggers as warnings', () => {
    const inverted = plan([levelWith('IV', [onDeaths(30, null)]), levelWith('III', [onDeaths(3, 30)]), levelWith('I', [])]);
    const result = validateDigitalPlan(inverted, []);
    expect(result.publishable).toBe(true);
    expect(result.issues.map((i) => [i.kind, i.levels])).toEqual([
      ['no_triggers', ['I']],
      ['order', ['IV', 'III']],
    ]);
  });

  it('compares warning levels by colour, per hazard, up to red', () => {
    const warn = (hazards: ('rainstorm' | 'flood')[], from: 'blue' | 'yellow' | 'orange' | 'red', to = from) => ({
      hazards,
      warningLevel: { from, to },
      thresholds: [],
      description: `${from}`,
    });
    const flood = plan([
      levelWith('IV', [warn(['rainstorm'], 'blue'), warn(['flood'], 'blue')]),
      levelWith('III', [warn(['rainstorm'], 'yellow'), warn(['flood'], 'yellow', 'orange')]),
      levelWith('II', [warn(['rainstorm'], 'orange'), warn(['flood'], 'orange')]),
    ]);
    const result = validateDigitalPlan(flood, ['rainstorm', 'flood']);
    expect(result.issues.map((i) => [i.kind, i.hazard, i.message])).toEqual([
      ['gap', 'rainstorm', '暴雨 · 预警级别 在 红色 没有对应的响应级别'],
      ['overlap', 'flood', 'Ⅲ级与Ⅱ级的启动条件重叠（洪水 · 预警级别：预警级别 橙色）'],
      ['gap', 'flood', '洪水 · 预警级别 在 红色 没有对应的响应级别'],
    ]);
  });

  it('compares compound triggers only with triggers on the same facts', () => {
    const both = (from: 'orange' | 'red', min: number, max: number | null) => ({
      hazards: [],
      warningLevel: { from, to: 'red' as const },
      thresholds: [deaths(min, max)],
      description: '红色预警且有人员死亡',
    });
    const compound = plan([
      levelWith('III', [onDeaths(1, 10), both('orange', 1, 5)]),
      levelWith('II', [onDeaths(10, null), both('red', 3, null)]),
    ]);
    expect(validateDigitalPlan(compound, []).issues).toEqual([
      expect.objectContaining({ kind: 'overlap', levels: ['III', 'II'], metric: null, range: null }),
    ]);
  });

  it('refuses a duplicated level or a task of an unknown working group at the schema', () => {
    const duplicated = zDigitalPlan.safeParse({ ...GRADED, levels: [...GRADED.levels, GRADED.levels[0]] });
    expect(duplicated.success).toBe(false);
    const task = { department: '县水利局', group: 'nope', action: '巡查', withinMinutes: 30 };
    const unknownGroup = zDigitalPlan.safeParse({ ...GRADED, levels: [{ ...GRADED.levels[0]!, tasks: [task] }] });
    expect(unknownGroup.success).toBe(false);
  });
});

describe('the lifecycle', () => {
  it('leads each step from its states and refuses it from any other', () => {
    expect(stepTarget('drafting', 'submit_review', { filingNumber: null })).toEqual({ to: 'reviewing' });
    expect(stepTarget('drafting', 'publish', { filingNumber: null })).toBeNull();
    expect(stepTarget('approved', 'publish', { filingNumber: null })).toEqual({ to: 'published' });
    expect(stepTarget('published', 'approve', { filingNumber: null })).toBeNull();
    expect(stepTarget('evaluating', 'finish_evaluation', { filingNumber: '备 2026-01' })).toEqual({ to: 'filed' });
    expect(stepTarget('evaluating', 'finish_evaluation', { filingNumber: null })).toEqual({ to: 'published' });
    expect(stepTarget('superseded', 'revise', { filingNumber: null })).toBeNull();
  });
});

describe('due dates', () => {
  it('adds months as calendars do', () => {
    expect(addMonths('2023-03-15', 36)).toBe('2026-03-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-12-10', 1)).toBe('2026-01-10');
  });

  it('falls due for revision the configured years after publication, or when flagged', () => {
    const rule = { years: 3, warnDays: 90 };
    expect(revisionStatus({ publishedOn: '2023-03-15', flagged: false }, rule, '2026-07-01')).toEqual({
      dueOn: '2026-03-15',
      overdueDays: 108,
      status: 'overdue',
    });
    expect(revisionStatus({ publishedOn: '2023-08-01', flagged: false }, rule, '2026-07-01').status).toBe('due_soon');
    expect(revisionStatus({ publishedOn: '2025-01-01', flagged: false }, rule, '2026-07-01').status).toBe('ok');
    expect(revisionStatus({ publishedOn: '2025-01-01', flagged: true }, rule, '2026-07-01').status).toBe('flagged');
    expect(revisionStatus({ publishedOn: '2023-01-01', flagged: false }, { years: 5, warnDays: 0 }, '2026-07-01').status).toBe(
      'ok',
    );
  });

  it('takes drill intervals from the rule by kind of plan (B.10)', () => {
    const rule = DRILL_FREQUENCY.default;
    expect(drillIntervalMonths({ category: 'special', enterpriseForm: null }, rule)).toBe(36);
    expect(drillIntervalMonths({ category: 'department', enterpriseForm: null }, rule)).toBe(36);
    expect(drillIntervalMonths({ category: 'overall', enterpriseForm: null }, rule)).toBeNull();
    expect(drillIntervalMonths({ category: 'enterprise', enterpriseForm: 'comprehensive' }, rule)).toBe(12);
    expect(drillIntervalMonths({ category: 'enterprise', enterpriseForm: 'onsite' }, rule)).toBe(6);
  });

  it('counts a drill due from the last drill, or from publication when never drilled', () => {
    expect(
      drillDue({ lastDrillOn: '2026-01-10', publishedOn: '2020-01-01', createdOn: '2019-01-01' }, 6, 30, '2026-07-01'),
    ).toEqual({ dueOn: '2026-07-10', overdueDays: -9, status: 'due_soon' });
    expect(drillDue({ lastDrillOn: null, publishedOn: '2023-01-01', createdOn: '2022-01-01' }, 36, 30, '2026-07-01')).toEqual({
      dueOn: '2026-01-01',
      overdueDays: 181,
      status: 'overdue',
    });
  });
});
