import { describe, expect, it } from 'vitest';
import {
  addDays,
  allocateFefo,
  daysBetween,
  expiryOf,
  isExpired,
  managingArea,
  nextDailyRun,
  shanghaiDate,
} from './supplies.rules.ts';

describe('supplies rules', () => {
  it('counts days in Asia/Shanghai', () => {
    expect(shanghaiDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(shanghaiDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-07-01', '2026-09-29')).toBe(90);
    expect(daysBetween('2026-07-01', '2026-06-30')).toBe(-1);
  });

  it('derives an expiry from the shelf life unless one is printed on the goods', () => {
    expect(expiryOf('2026-01-10', undefined, 365)).toBe('2027-01-10');
    expect(expiryOf('2026-01-10', '2026-06-01', 365)).toBe('2026-06-01');
    expect(expiryOf('2026-01-10', null, null)).toBeNull();
    expect(isExpired('2026-06-30', '2026-07-01')).toBe(true);
    expect(isExpired('2026-07-01', '2026-07-01')).toBe(false);
    expect(isExpired(null, '2099-01-01')).toBe(false);
  });

  it('takes the managing area from the tier: county, township or village of the position', () => {
    expect(managingArea('county', '441825104201')).toBe('441825');
    expect(managingArea('township', '441825104201')).toBe('441825104');
    expect(managingArea('village', '441825104201')).toBe('441825104201');
    expect(managingArea('village', '441825104')).toBeNull();
  });

  it('allocates earliest expiry first, skipping expired batches, never partially', () => {
    const batches = [
      { batchNo: 'B', expiryDate: null, quantity: 50 },
      { batchNo: 'A', expiryDate: '2026-08-01', quantity: 10 },
      { batchNo: 'OLD', expiryDate: '2026-01-01', quantity: 99 },
      { batchNo: 'C', expiryDate: '2026-07-15', quantity: 5 },
    ];
    expect(allocateFefo(batches, 20, '2026-07-01')).toEqual([
      { batchNo: 'C', quantity: 5 },
      { batchNo: 'A', quantity: 10 },
      { batchNo: 'B', quantity: 5 },
    ]);
    expect(allocateFefo(batches, 66, '2026-07-01')).toBeNull();
  });

  it('schedules the daily scan at the next given hour, Beijing time', () => {
    expect(nextDailyRun(new Date('2026-07-01T02:00:00Z'), 1).toISOString()).toBe('2026-07-01T17:00:00.000Z');
    expect(nextDailyRun(new Date('2026-07-01T17:00:00Z'), 1).toISOString()).toBe('2026-07-02T17:00:00.000Z');
    expect(nextDailyRun(new Date('2026-07-01T16:30:00Z'), 1).toISOString()).toBe('2026-07-01T17:00:00.000Z');
  });
});
