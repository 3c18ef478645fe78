import type { ExpiringBatch, Shortfall, SupplyAlerts } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { catalogueRepo } from './catalogue.repo.ts';
import { stockRepo } from './stock.repo.ts';
import { DAILY_SCAN_HOUR, EXPIRY_WARNING_DAYS } from './supplies.rules-config.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import { addDays, daysBetween, isExpired, nextDailyRun, shanghaiDate, standardFor } from './supplies.rules.ts';
import { warehousesRepo } from './warehouses.repo.ts';

export const DAILY_SCAN_JOB = 'supplies.daily_scan';

/**
 * 物资预警: batches to rotate before they expire (and those already expired), and warehouses holding less than
 * their tier's 储备标准. Shown on a dashboard (scoped), and raised once a day as events by a job.
 */
export class AlertsService {
  constructor(private readonly deps: SuppliesDeps) {
    deps.jobs.register(DAILY_SCAN_JOB, async () => {
      await this.scan();
      await this.scheduleDailyScan();
    });
  }

  async dashboard(actor: Actor, query: { areaCode?: string | undefined }): Promise<SupplyAlerts> {
    assertCan(actor, 'supplies:read');
    if (query.areaCode) assertWithinScope(actor, query.areaCode);
    return this.compute(query.areaCode ?? actor.areaCode);
  }

  async compute(scopeCode: string): Promise<SupplyAlerts> {
    const db = this.deps.db.kysely;
    const today = shanghaiDate(this.deps.clock.now());
    const warningDays = await this.deps.rules.get(EXPIRY_WARNING_DAYS);
    const [expiringRows, warehouses, kinds, stock, transit] = await Promise.all([
      stockRepo
        .balances(db, scopeCode, { expiringBy: addDays(today, warningDays) })
        .select(stockRepo.balanceColumns())
        .orderBy('b.expiry_date')
        .orderBy('w.name')
        .execute(),
      warehousesRepo.allInScope(db, scopeCode),
      catalogueRepo.all(db),
      stockRepo.balances(db, scopeCode, {}).select(['b.warehouse_id', 'b.kind_id', 'b.expiry_date', 'b.quantity']).execute(),
      stockRepo.inTransit(db, scopeCode),
    ]);
    const expiring: ExpiringBatch[] = expiringRows.map((r) => ({
      warehouseId: r.warehouse_id,
      warehouseName: r.warehouse_name,
      areaCode: r.area_code,
      kindId: r.kind_id,
      kindName: r.kind_name,
      unit: r.unit,
      batchNo: r.batch_no,
      expiryDate: r.expiry_date!,
      quantity: Number(r.quantity),
      daysLeft: daysBetween(today, r.expiry_date!),
      expired: isExpired(r.expiry_date, today),
    }));
    const available = new Map<string, number>();
    for (const b of stock) {
      if (isExpired(b.expiry_date, today)) continue;
      const key = `${b.warehouse_id}\u0000${b.kind_id}`;
      available.set(key, (available.get(key) ?? 0) + Number(b.quantity));
    }
    const inbound = new Map<string, number>();
    for (const t of transit) {
      const key = `${t.to_warehouse_id}\u0000${t.kind_id}`;
      inbound.set(key, (inbound.get(key) ?? 0) + t.quantity);
    }
    const shortfall: Shortfall[] = [];
    for (const w of warehouses) {
      for (const k of kinds) {
        const standard = standardFor(
          { county: k.standard_county, township: k.standard_township, village: k.standard_village },
          w.level,
        );
        if (!standard) continue;
        const key = `${w.id}\u0000${k.id}`;
        const have = available.get(key) ?? 0;
        if (have >= standard) continue;
        shortfall.push({
          warehouseId: w.id,
          warehouseName: w.name,
          level: w.level,
          areaCode: w.area_code,
          kindId: k.id,
          kindName: k.name,
          unit: k.unit,
          standard,
          available: have,
          inTransitIn: inbound.get(key) ?? 0,
          shortfall: standard - have,
        });
      }
    }
    // Worst first: the smallest share of the standard on hand, so the dashboard opens on what matters.
    shortfall.sort(
      (a, b) => a.available / a.standard - b.available / b.standard || a.warehouseName.localeCompare(b.warehouseName),
    );
    return { asOf: today, warningDays, expiring, shortfall };
  }

  /**
   * The daily scan over every warehouse: one 'supplies.expiring' and one 'supplies.shortfall' event per warehouse
   * with something to report, addressed to the warehouse's managing area so its users see it live.
   */
  async scan(): Promise<{ expiring: number; shortfall: number }> {
    const alerts = await this.compute('');
    const byWarehouse = <T extends { warehouseId: string }>(items: T[]) => {
      const groups = new Map<string, T[]>();
      for (const item of items) groups.set(item.warehouseId, [...(groups.get(item.warehouseId) ?? []), item]);
      return groups;
    };
    for (const [warehouseId, items] of byWarehouse(alerts.expiring)) {
      await this.deps.events.publish('supplies.expiring', items[0]!.areaCode, {
        warehouseId,
        warehouseName: items[0]!.warehouseName,
        items: items.map((i) => ({
          kindId: i.kindId,
          kindName: i.kindName,
          batchNo: i.batchNo,
          expiryDate: i.expiryDate,
          quantity: i.quantity,
          daysLeft: i.daysLeft,
        })),
      });
    }
    for (const [warehouseId, items] of byWarehouse(alerts.shortfall)) {
      await this.deps.events.publish('supplies.shortfall', items[0]!.areaCode, {
        warehouseId,
        warehouseName: items[0]!.warehouseName,
        items: items.map((i) => ({
          kindId: i.kindId,
          kindName: i.kindName,
          standard: i.standard,
          available: i.available,
          shortfall: i.shortfall,
        })),
      });
    }
    return { expiring: alerts.expiring.length, shortfall: alerts.shortfall.length };
  }

  /** Queues the next daily scan; one job per run time, however often this is called (idempotency key). */
  async scheduleDailyScan(): Promise<string> {
    const hour = await this.deps.rules.get(DAILY_SCAN_HOUR);
    const runAt = nextDailyRun(this.deps.clock.now(), hour);
    return this.deps.jobs.enqueue(
      this.deps.db.kysely,
      DAILY_SCAN_JOB,
      {},
      { runAt, idempotencyKey: `${DAILY_SCAN_JOB}:${runAt.toISOString()}` },
    );
  }
}
