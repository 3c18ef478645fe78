import type { ReserveStandard, WarehouseLevel } from '@yingji/contracts/supplies.ts';

/** Pure rules of the supplies domain: dates, batches, tiers and standards. Tested alone in supplies.rules.test.ts. */

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Today's calendar date in Asia/Shanghai (no daylight saving), as goods and reminders count days there. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The expiry of a batch: as stated on the goods, or production date + the kind's shelf life, or none. */
export function expiryOf(productionDate: string, stated: string | null | undefined, shelfLifeDays: number | null): string | null {
  if (stated) return stated;
  return shelfLifeDays ? addDays(productionDate, shelfLifeDays) : null;
}

/** A batch counts as reserve stock until the end of its expiry date. */
export function isExpired(expiryDate: string | null, today: string): boolean {
  return expiryDate !== null && expiryDate < today;
}

const CODE_LENGTH: Record<WarehouseLevel, number> = { county: 6, township: 9, village: 12 };

/**
 * The area that manages a warehouse: the county for a 县级库, the township it stands in for a 镇级库, the village for
 * a 村级储存室. The managing area, not the spot, decides who sees and moves its stock: the county reserve stands in a
 * township but is not that township's to empty. Null when the position is not deep enough (no village shape there).
 */
export function managingArea(level: WarehouseLevel, locationAreaCode: string): string | null {
  const length = CODE_LENGTH[level];
  return locationAreaCode.length >= length ? locationAreaCode.slice(0, length) : null;
}

export function standardFor(standard: ReserveStandard, level: WarehouseLevel): number | null {
  return standard[level];
}

export interface BatchStock {
  batchNo: string;
  expiryDate: string | null;
  quantity: number;
}

/**
 * First expiry, first out: takes `wanted` from unexpired batches, those expiring soonest first (batches that do not
 * expire last, then by batch number so the choice is stable). Returns the takes, or null if there is not enough.
 */
export function allocateFefo(
  batches: BatchStock[],
  wanted: number,
  today: string,
): { batchNo: string; quantity: number }[] | null {
  const usable = batches
    .filter((b) => b.quantity > 0 && !isExpired(b.expiryDate, today))
    .sort((a, b) => (a.expiryDate ?? '9999').localeCompare(b.expiryDate ?? '9999') || a.batchNo.localeCompare(b.batchNo));
  const takes: { batchNo: string; quantity: number }[] = [];
  let left = wanted;
  for (const batch of usable) {
    if (left === 0) break;
    const take = Math.min(batch.quantity, left);
    takes.push({ batchNo: batch.batchNo, quantity: take });
    left -= take;
  }
  return left === 0 ? takes : null;
}

/** The next daily scan: the coming `hour`:00 Asia/Shanghai strictly after now, as a UTC instant. */
export function nextDailyRun(now: Date, hour: number): Date {
  const today = shanghaiDate(now);
  let run = new Date(Date.parse(`${today}T00:00:00Z`) - SHANGHAI_OFFSET_MS + hour * 3_600_000);
  if (run.getTime() <= now.getTime()) run = new Date(run.getTime() + DAY_MS);
  return run;
}
