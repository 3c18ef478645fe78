import { describe, expect, it } from 'vitest';
import { SHELTER_COVERAGE } from './shelters.rules-config.ts';
import { coverageRow, coverageSide, shelterCapacity } from './shelters.rules.ts';

const NORMS = { emergency: 1, fixed: 2, central: 4.5 };
const R09 = SHELTER_COVERAGE.default;

describe('shelter rules', () => {
  it('derives capacity from the usable area and the norm of the grade, rounding down', () => {
    expect(shelterCapacity(3000, 'fixed', { emergency: 1.5, fixed: 1.5, central: 1.5 })).toBe(2000);
    expect(shelterCapacity(1000, 'emergency', { emergency: 1.5, fixed: 1.5, central: 1.5 })).toBe(666);
    expect(shelterCapacity(4.4, 'fixed', NORMS)).toBe(2);
    expect(shelterCapacity(9000, 'central', NORMS)).toBe(2000);
    expect(shelterCapacity(0.5, 'emergency', NORMS)).toBe(0);
  });

  it('counts indoor shelters of every grade, outdoor ones only of the grades R-09 names', () => {
    expect(coverageSide({ type: 'indoor', grade: 'emergency' }, R09)).toBe('indoor');
    expect(coverageSide({ type: 'outdoor', grade: 'fixed' }, R09)).toBe('outdoor');
    expect(coverageSide({ type: 'outdoor', grade: 'central' }, R09)).toBe('outdoor');
    expect(coverageSide({ type: 'outdoor', grade: 'emergency' }, R09)).toBeNull();
  });

  it('computes ratios and the status; the minimum itself passes', () => {
    const area = { code: '441825100', name: '永和镇', population: 1000 };
    const exact = coverageRow(
      area,
      [
        { type: 'outdoor', grade: 'fixed', capacity: 150 },
        { type: 'outdoor', grade: 'central', capacity: 50 },
        { type: 'outdoor', grade: 'emergency', capacity: 999 },
        { type: 'indoor', grade: 'fixed', capacity: 30 },
      ],
      R09,
    );
    expect(exact).toEqual({
      areaCode: '441825100',
      areaName: '永和镇',
      population: 1000,
      outdoorShelters: 2,
      outdoorCapacity: 200,
      outdoorRatio: 0.2,
      indoorShelters: 1,
      indoorCapacity: 30,
      indoorRatio: 0.03,
      status: 'sufficient',
    });
    expect(coverageRow(area, [{ type: 'outdoor', grade: 'fixed', capacity: 500 }], R09).status).toBe('insufficient');
    expect(coverageRow({ ...area, population: null }, [], R09)).toMatchObject({ status: 'no_population', outdoorRatio: null });
    expect(coverageRow({ ...area, population: 0 }, [], R09).status).toBe('no_population');
  });
});
