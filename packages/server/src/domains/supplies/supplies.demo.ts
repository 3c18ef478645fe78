import { booleanPointInPolygon, centroid, pointOnFeature } from '@turf/turf';
import type { Role } from '@yingji/contracts/auth.ts';
import type { ReceiptLine, WarehouseLevel } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { usersRepo } from '../../platform/auth/users.repo.ts';
import type { Platform } from '../../platform/platform.ts';
import { catalogueRepo } from './catalogue.repo.ts';
import { addDays, shanghaiDate } from './supplies.rules.ts';

/** Every demo warehouse carries this note (and its name ends in （演示）), so nobody takes it for real data. */
export const DEMO_NOTE = '演示数据：位置、库存与流水均为虚构';

interface DemoWarehouse {
  name: string;
  level: WarehouseLevel;
  /** The area whose shape the warehouse is placed in. */
  placeIn: string;
  keeper: string;
  phone: string;
  capacityM3: number;
  address: string;
  /** Stock as a share of the tier's 储备标准 (below 1: a shortfall the dashboard shows). */
  fill: number;
}

/** 连山: the county reserve in 吉田镇 (the county seat), township stores, and a village 储存室 (000「县—镇—村（社区）」). */
const WAREHOUSES: DemoWarehouse[] = [
  {
    name: '连山县应急物资储备库（演示）',
    level: 'county',
    placeIn: '441825104001',
    keeper: '韦仓管',
    phone: '0763-6612119',
    capacityM3: 3000,
    address: '吉田镇金山社区',
    fill: 1.05,
  },
  {
    name: '永和镇应急物资储备点（演示）',
    level: 'township',
    placeIn: '441825100',
    keeper: '陈保管',
    phone: '13800138101',
    capacityM3: 400,
    address: '永和镇',
    fill: 0.9,
  },
  {
    name: '吉田镇应急物资储备点（演示）',
    level: 'township',
    placeIn: '441825104',
    keeper: '黄保管',
    phone: '13800138102',
    capacityM3: 400,
    address: '吉田镇',
    fill: 1.1,
  },
  {
    name: '太保镇应急物资储备点（演示）',
    level: 'township',
    placeIn: '441825105',
    keeper: '莫保管',
    phone: '13800138103',
    capacityM3: 300,
    address: '太保镇',
    fill: 0.6,
  },
  {
    name: '小三江镇应急物资储备点（演示）',
    level: 'township',
    placeIn: '441825109',
    keeper: '覃保管',
    phone: '13800138104',
    capacityM3: 300,
    address: '小三江镇',
    fill: 0.8,
  },
  {
    name: '上帅镇应急物资储备点（演示）',
    level: 'township',
    placeIn: '441825111',
    keeper: '盘保管',
    phone: '13800138105',
    capacityM3: 200,
    address: '上帅镇',
    fill: 0.45,
  },
  {
    name: '永联村应急物资储存室（演示）',
    level: 'village',
    placeIn: '441825100201',
    keeper: '莫信息员',
    phone: '13800138106',
    capacityM3: 40,
    address: '永联村委会',
    fill: 1,
  },
];

/** Kinds that expire: some demo batches are close to it, so the 物资预警 page has something to show. */
const NEAR_EXPIRY_DAYS: Record<string, number> = { 'instant-food': 40, 'drinking-water': 75, mask: 20, 'emergency-light': 120 };

async function actorFor(platform: Platform, username: string): Promise<Actor> {
  const row = await usersRepo.byUsername(platform.db.kysely, username);
  if (!row) return SYSTEM_ACTOR;
  return { userId: row.id, username: row.username, roles: JSON.parse(row.roles) as Role[], areaCode: row.area_code };
}

/**
 * Demo warehouses and stock for the demo county, posted through the services (so the ledger, balances and audit
 * agree), with an incident 出库, a distribution, and transfers waiting for approval and in transit. Skipped when
 * demo warehouses exist already.
 */
export async function loadSuppliesDemo(platform: Platform, countyCode: string): Promise<void> {
  const db = platform.db.kysely;
  const existing = await db.selectFrom('supply_warehouses').select('id').where('note', '=', DEMO_NOTE).executeTakeFirst();
  if (existing) return;
  const { supplies } = platform;
  const [zhiban, lingdao, yonghe] = [
    await actorFor(platform, 'zhiban'),
    await actorFor(platform, 'lingdao'),
    await actorFor(platform, 'yonghe'),
  ];
  const shapes = await platform.areas.geojson(SYSTEM_ACTOR, countyCode, ['township', 'village']);
  const today = shanghaiDate(platform.clock.now());
  const kinds = await catalogueRepo.all(db);
  const ids = new Map<string, string>();

  for (const [index, w] of WAREHOUSES.entries()) {
    const shape = shapes.features.find((f) => f.properties?.code === w.placeIn);
    if (!shape) continue;
    // The centre of the shape where it lies inside (other registers' demos take pointOnFeature: no overlap).
    const middle = centroid(shape as never);
    const spot = booleanPointInPolygon(middle, shape as never) ? middle : pointOnFeature(shape as never);
    const [lon, lat] = spot.geometry.coordinates as [number, number];
    const created = await supplies.warehouses.create(SYSTEM_ACTOR, {
      name: w.name,
      level: w.level,
      lon,
      lat,
      address: w.address,
      keeper: w.keeper,
      phone: w.phone,
      capacityM3: w.capacityM3,
      note: DEMO_NOTE,
    });
    ids.set(w.name, created.id);
    const lines: ReceiptLine[] = [];
    for (const [k, kind] of kinds.entries()) {
      const standard =
        w.level === 'county' ? kind.standard_county : w.level === 'township' ? kind.standard_township : kind.standard_village;
      if (!standard) continue;
      // A steady spread around the warehouse's fill, so some kinds fall short and others do not.
      const quantity = Math.round(standard * w.fill * (0.75 + ((index * 7 + k * 13) % 10) / 20));
      if (quantity <= 0) continue;
      const near = NEAR_EXPIRY_DAYS[kind.id];
      if (near !== undefined && kind.shelf_life_days) {
        // An ageing batch close to expiry (staggered by warehouse) beside a fresh one.
        const old = Math.max(1, Math.round(quantity * 0.4));
        const expiry = addDays(today, near + index * 9);
        lines.push({
          kindId: kind.id,
          batchNo: `LS-${expiry.slice(0, 7)}-${index}`,
          productionDate: addDays(expiry, -kind.shelf_life_days),
          expiryDate: expiry,
          quantity: old,
        });
        if (quantity - old > 0)
          lines.push({
            kindId: kind.id,
            batchNo: `LS-${today.slice(0, 4)}-${index}`,
            productionDate: addDays(today, -30),
            quantity: quantity - old,
          });
      } else {
        lines.push({
          kindId: kind.id,
          batchNo: `LS-2025-${String(index + 1).padStart(2, '0')}`,
          productionDate: '2025-03-01',
          quantity,
        });
      }
    }
    if (lines.length > 0)
      await supplies.stock.receive(SYSTEM_ACTOR, {
        warehouseId: created.id,
        reference: `CG-2026-${String(index + 1).padStart(3, '0')}（演示）`,
        note: '年度储备采购入库（演示）',
        lines,
      });
  }

  const county = ids.get(WAREHOUSES[0]!.name);
  const yongheStore = ids.get(WAREHOUSES[1]!.name);
  const taibao = ids.get(WAREHOUSES[3]!.name);
  const shangshuai = ids.get(WAREHOUSES[5]!.name);
  if (!county || !yongheStore || !taibao || !shangshuai) return;
  await supplies.stock.issue(zhiban, {
    warehouseId: county,
    purpose: 'incident',
    reference: 'SJ-20260612-001（演示）',
    note: '“6·12”暴雨山洪转移安置（演示）',
    lines: [
      { kindId: 'relief-tent', quantity: 20 },
      { kindId: 'quilt', quantity: 60 },
      { kindId: 'drinking-water', quantity: 30 },
    ],
  });
  await supplies.stock.issue(yonghe, {
    warehouseId: yongheStore,
    purpose: 'distribution',
    reference: 'FF-2026-007（演示）',
    note: '受灾群众生活物资发放，群众代表参与（演示）',
    lines: [
      { kindId: 'instant-food', quantity: 6 },
      { kindId: 'quilt', quantity: 8 },
    ],
  });
  // Received: county → 太保镇, the whole flow on the books.
  const done = await supplies.transfers.request(zhiban, {
    fromWarehouseId: county,
    toWarehouseId: taibao,
    reason: '汛前预置：补足太保镇储备（演示）',
    lines: [{ kindId: 'life-jacket', quantity: 20 }],
  });
  await supplies.transfers.approve(lingdao, done.id, { note: '同意（演示）' });
  await supplies.transfers.ship(zhiban, done.id);
  await supplies.transfers.receive(zhiban, done.id);
  // In transit: county → 永和镇, asked for by the township.
  const moving = await supplies.transfers.request(yonghe, {
    fromWarehouseId: county,
    toWarehouseId: yongheStore,
    reason: '永和镇转移安置点用帐篷、折叠床（演示）',
    lines: [
      { kindId: 'relief-tent', quantity: 10 },
      { kindId: 'folding-bed', quantity: 15 },
    ],
  });
  await supplies.transfers.approve(lingdao, moving.id, { note: '同意，今日发运（演示）' });
  await supplies.transfers.ship(zhiban, moving.id);
  // Waiting for approval: county → 上帅镇.
  await supplies.transfers.request(zhiban, {
    fromWarehouseId: county,
    toWarehouseId: shangshuai,
    reason: '上帅镇储备不足，申请调拨（演示）',
    lines: [
      { kindId: 'quilt', quantity: 30 },
      { kindId: 'instant-food', quantity: 10 },
    ],
  });
}
