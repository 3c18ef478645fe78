import { z } from 'zod';
import { zAreaCode, zCappedPage, zInstant } from './common.ts';

/**
 * 应急物资 (SYS-E01…E03, WF-06): the catalogue of supply kinds (品目), warehouses at the three tiers the seeds name
 * (000「“县—镇—村（社区）”三级储备网络」), and a stock ledger where every movement is a row.
 */

/** 县级库 / 镇级库 / 村级储存室: the tier decides which 储备标准 applies and which area manages the warehouse. */
export const zWarehouseLevel = z.enum(['county', 'township', 'village']);
export type WarehouseLevel = z.infer<typeof zWarehouseLevel>;
export const WAREHOUSE_LEVEL_NAMES: Record<WarehouseLevel, string> = {
  county: '县级储备库',
  township: '乡镇储备库',
  village: '村级储存室',
};

/** The categories 003 lists its materials under; a kind may use another category. */
export const SUPPLY_CATEGORIES = [
  '生活类物资',
  '防汛抗洪物资',
  '森林火灾应急物资',
  '地质灾害应急救援物资',
  '应急照明与动力',
] as const;

/** A calendar date (Asia/Shanghai), as production and expiry dates are printed on goods. */
export const zDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
/** Stock is counted in whole units of the kind's unit (顶、张、床、件、艘、台、箱). */
export const zQuantity = z
  .number({ error: '数量必须是数字' })
  .int('数量必须是整数')
  .positive('数量必须大于 0')
  .max(100_000_000, '数量过大');
export const zBatchNo = z.string().trim().min(1, '批次号不能为空').max(64);
const zId = z.string().min(1).max(64);
const zText = (max: number) => z.string().trim().min(1).max(max);
/** Mobile or landline (0763-6612345): warehouses publish either. */
export const zContactPhone = z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话应为手机号或带区号的固定电话');

/** 储备标准: the quantity each warehouse of a tier should hold; null where the tier need not stock the kind. */
export const zReserveStandard = z
  .object({
    county: z.number().int().min(0).nullable(),
    township: z.number().int().min(0).nullable(),
    village: z.number().int().min(0).nullable(),
  })
  .strict();
export type ReserveStandard = z.infer<typeof zReserveStandard>;

export const zSupplyKind = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  /** Days from production to expiry; null for goods that do not expire (boats, generators). */
  shelfLifeDays: z.number().int().nullable(),
  spec: z.string().nullable(),
  reserveStandard: zReserveStandard,
  /** Where the kind comes from: the seed plan and its words, or who added it. */
  source: z.string().nullable(),
  createdAt: zInstant,
  updatedAt: zInstant,
});
export type SupplyKind = z.infer<typeof zSupplyKind>;

export const zSupplyKindCreate = z
  .object({
    name: zText(64),
    category: zText(32),
    unit: zText(8),
    shelfLifeDays: z.number().int().positive().max(36_500).nullable().default(null),
    spec: z.string().trim().max(128).nullable().default(null),
    reserveStandard: zReserveStandard.default({ county: null, township: null, village: null }),
    source: z.string().trim().max(500).nullable().default(null),
  })
  .strict();
export type SupplyKindCreate = z.infer<typeof zSupplyKindCreate>;

export const zSupplyKindUpdate = z
  .object({
    name: zText(64),
    category: zText(32),
    unit: zText(8),
    shelfLifeDays: z.number().int().positive().max(36_500).nullable(),
    spec: z.string().trim().max(128).nullable(),
    reserveStandard: zReserveStandard,
    source: z.string().trim().max(500).nullable(),
  })
  .partial()
  .strict();
export type SupplyKindUpdate = z.infer<typeof zSupplyKindUpdate>;

export const zSupplyKindQuery = z
  .object({
    q: z.string().max(32).optional(),
    category: z.string().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type SupplyKindQuery = z.infer<typeof zSupplyKindQuery>;

export const zWarehouse = z.object({
  id: z.string(),
  name: z.string(),
  level: zWarehouseLevel,
  /** The managing area (县 for a county warehouse, 镇 for a township one, 村 for a village one): the scope key. */
  areaCode: z.string(),
  areaName: z.string().nullable(),
  /** The deepest area containing the warehouse's position. */
  locationAreaCode: z.string(),
  lon: z.number(),
  lat: z.number(),
  address: z.string().nullable(),
  keeper: z.string(),
  phone: z.string(),
  /** 库容, cubic metres. */
  capacityM3: z.number().nullable(),
  note: z.string().nullable(),
  createdAt: zInstant,
  updatedAt: zInstant,
});
export type Warehouse = z.infer<typeof zWarehouse>;

export const zWarehouseCreate = z
  .object({
    name: zText(64),
    level: zWarehouseLevel,
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    address: z.string().trim().max(128).nullable().default(null),
    keeper: zText(32),
    phone: zContactPhone,
    capacityM3: z.number().positive().max(10_000_000).nullable().default(null),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .strict();
export type WarehouseCreate = z.infer<typeof zWarehouseCreate>;

export const zWarehouseUpdate = z
  .object({
    name: zText(64),
    level: zWarehouseLevel,
    lon: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    address: z.string().trim().max(128).nullable(),
    keeper: zText(32),
    phone: zContactPhone,
    capacityM3: z.number().positive().max(10_000_000).nullable(),
    note: z.string().trim().max(500).nullable(),
  })
  .partial()
  .strict();
export type WarehouseUpdate = z.infer<typeof zWarehouseUpdate>;

export const zWarehouseQuery = z
  .object({
    areaCode: zAreaCode.optional(),
    level: zWarehouseLevel.optional(),
    q: z.string().max(32).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type WarehouseQuery = z.infer<typeof zWarehouseQuery>;

/** Every way stock moves; each is one signed row of the ledger (000「验收、入库、出库、盘点、报废、移库」「轮换」). */
export const zMovementType = z.enum([
  'receive',
  'issue',
  'transfer_out',
  'transfer_in',
  'stocktake_gain',
  'stocktake_loss',
  'rotate_out',
  'rotate_in',
  'scrap',
]);
export type MovementType = z.infer<typeof zMovementType>;
export const MOVEMENT_TYPE_NAMES: Record<MovementType, string> = {
  receive: '验收入库',
  issue: '出库',
  transfer_out: '调拨出库',
  transfer_in: '调拨入库',
  stocktake_gain: '盘盈',
  stocktake_loss: '盘亏',
  rotate_out: '轮换出库',
  rotate_in: '轮换入库',
  scrap: '报废',
};

/** What an outbound movement is for: an incident (事件) or a distribution to people (发放). */
export const zIssuePurpose = z.enum(['incident', 'distribution']);
export type IssuePurpose = z.infer<typeof zIssuePurpose>;
export const ISSUE_PURPOSE_NAMES: Record<IssuePurpose, string> = { incident: '事件处置', distribution: '物资发放' };

export const zMovement = z.object({
  id: z.number().int(),
  at: zInstant,
  type: zMovementType,
  warehouseId: z.string(),
  warehouseName: z.string(),
  areaCode: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  unit: z.string(),
  batchNo: z.string(),
  /** Signed: positive into the warehouse, negative out of it. */
  quantity: z.number().int(),
  /** The batch's balance in this warehouse right after this movement. */
  balanceAfter: z.number().int(),
  purpose: zIssuePurpose.nullable(),
  reference: z.string().nullable(),
  transferId: z.string().nullable(),
  stocktakeId: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string(),
});
export type Movement = z.infer<typeof zMovement>;

export const zMovementQuery = z
  .object({
    warehouseId: zId.optional(),
    kindId: zId.optional(),
    type: zMovementType.optional(),
    batchNo: z.string().max(64).optional(),
    reference: z.string().max(64).optional(),
    from: zInstant.optional(),
    to: zInstant.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type MovementQuery = z.infer<typeof zMovementQuery>;

/** A ledger page, newest first, its count capped (common.ts: zCappedPage). */
export const zMovementPage = zCappedPage(zMovement);
export type MovementPage = z.infer<typeof zMovementPage>;

/** One batch of one kind in one warehouse: the balance row, kept in step with the ledger. */
export const zStockBatch = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  areaCode: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  category: z.string(),
  unit: z.string(),
  batchNo: z.string(),
  productionDate: z.string().nullable(),
  expiryDate: z.string().nullable(),
  quantity: z.number().int(),
  updatedAt: zInstant,
});
export type StockBatch = z.infer<typeof zStockBatch>;

export const zStockQuery = z
  .object({
    warehouseId: zId.optional(),
    kindId: zId.optional(),
    areaCode: zAreaCode.optional(),
    /** Only batches expiring on or before today + n days. */
    expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type StockQuery = z.infer<typeof zStockQuery>;

/** A warehouse's stock by kind: on hand, in transit to and from it, and its 储备标准. */
export const zWarehouseStockKind = z.object({
  kindId: z.string(),
  kindName: z.string(),
  category: z.string(),
  unit: z.string(),
  onHand: z.number().int(),
  /** On hand and not expired: what counts against the 储备标准 and what can be sent. */
  available: z.number().int(),
  inTransitIn: z.number().int(),
  inTransitOut: z.number().int(),
  standard: z.number().int().nullable(),
  batches: z.array(
    z.object({
      batchNo: z.string(),
      productionDate: z.string().nullable(),
      expiryDate: z.string().nullable(),
      quantity: z.number().int(),
    }),
  ),
});
export const zWarehouseStock = z.object({ warehouse: zWarehouse, kinds: z.array(zWarehouseStockKind) });
export type WarehouseStock = z.infer<typeof zWarehouseStock>;

const zReceiptLine = z
  .object({
    kindId: zId,
    batchNo: zBatchNo,
    productionDate: zDate,
    /** Omitted: production date + the kind's shelf life (none if the kind does not expire). */
    expiryDate: zDate.nullable().optional(),
    quantity: zQuantity,
  })
  .strict();
export type ReceiptLine = z.infer<typeof zReceiptLine>;

/** 验收入库: goods accepted into a warehouse, by batch. */
export const zReceiptCreate = z
  .object({
    warehouseId: zId,
    /** 采购单、协议储备调入单、捐赠接收单 … */
    reference: z.string().trim().max(64).nullable().default(null),
    note: z.string().trim().max(500).nullable().default(null),
    lines: z.array(zReceiptLine).min(1).max(500),
  })
  .strict();
export type ReceiptCreate = z.infer<typeof zReceiptCreate>;

/** 出库 for an incident or a distribution; batches are taken earliest expiry first unless one is named. */
export const zIssueCreate = z
  .object({
    warehouseId: zId,
    purpose: zIssuePurpose,
    /** The incident number or the distribution document the goods leave for. */
    reference: zText(64),
    note: z.string().trim().max(500).nullable().default(null),
    lines: z
      .array(z.object({ kindId: zId, quantity: zQuantity, batchNo: zBatchNo.optional() }).strict())
      .min(1)
      .max(200),
  })
  .strict();
export type IssueCreate = z.infer<typeof zIssueCreate>;

/** 报废: damaged or expired goods written off, by batch, with the reason. */
export const zScrapCreate = z
  .object({
    warehouseId: zId,
    reason: zText(200),
    lines: z
      .array(z.object({ kindId: zId, batchNo: zBatchNo, quantity: zQuantity }).strict())
      .min(1)
      .max(200),
  })
  .strict();
export type ScrapCreate = z.infer<typeof zScrapCreate>;

/** 轮换: an ageing batch goes out (sold, used in drills, returned to the supplier) and a fresh batch comes in. */
export const zRotationCreate = z
  .object({
    warehouseId: zId,
    kindId: zId,
    reason: zText(200),
    out: z.object({ batchNo: zBatchNo, quantity: zQuantity }).strict(),
    in: z
      .object({ batchNo: zBatchNo, productionDate: zDate, expiryDate: zDate.nullable().optional(), quantity: zQuantity })
      .strict(),
  })
  .strict();
export type RotationCreate = z.infer<typeof zRotationCreate>;

/** 盘点: counted quantities per batch; every difference from the book is posted with its reason. */
export const zStocktakeCreate = z
  .object({
    warehouseId: zId,
    note: z.string().trim().max(500).nullable().default(null),
    lines: z
      .array(
        z
          .object({
            kindId: zId,
            batchNo: zBatchNo,
            counted: z.number({ error: '实盘数量必须是数字' }).int().min(0).max(100_000_000),
            reason: z.string().trim().max(200).nullable().default(null),
            /** For a batch found on the shelf but not on the book. */
            productionDate: zDate.nullable().optional(),
            expiryDate: zDate.nullable().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();
export type StocktakeCreate = z.infer<typeof zStocktakeCreate>;

export const zStocktake = z.object({
  id: z.string(),
  warehouseId: z.string(),
  at: zInstant,
  actorName: z.string(),
  note: z.string().nullable(),
  lines: z.array(
    z.object({
      kindId: z.string(),
      kindName: z.string(),
      batchNo: z.string(),
      book: z.number().int(),
      counted: z.number().int(),
      difference: z.number().int(),
      reason: z.string().nullable(),
    }),
  ),
});
export type Stocktake = z.infer<typeof zStocktake>;

export const zPosted = z.object({ movements: z.array(zMovement) });
export type Posted = z.infer<typeof zPosted>;

/** 调拨/移库: request → approval (another person) → out (在途) → in; or rejected / cancelled before it ships. */
export const zTransferState = z.enum(['requested', 'approved', 'rejected', 'shipped', 'received', 'cancelled']);
export type TransferState = z.infer<typeof zTransferState>;
export const TRANSFER_STATE_NAMES: Record<TransferState, string> = {
  requested: '待审批',
  approved: '已批准',
  rejected: '已驳回',
  shipped: '在途',
  received: '已入库',
  cancelled: '已撤销',
};

export const zTransferCreate = z
  .object({
    fromWarehouseId: zId,
    toWarehouseId: zId,
    reason: zText(200),
    lines: z
      .array(z.object({ kindId: zId, quantity: zQuantity }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type TransferCreate = z.infer<typeof zTransferCreate>;

export const zTransferDecision = z.object({ note: z.string().trim().max(200).nullable().default(null) }).strict();
export type TransferDecision = z.infer<typeof zTransferDecision>;

export const zTransfer = z.object({
  id: z.string(),
  fromWarehouseId: z.string(),
  fromWarehouseName: z.string(),
  toWarehouseId: z.string(),
  toWarehouseName: z.string(),
  state: zTransferState,
  reason: z.string(),
  lines: z.array(z.object({ kindId: z.string(), kindName: z.string(), unit: z.string(), quantity: z.number().int() })),
  /** The batches that left the source: in transit while shipped, received into the destination after. */
  shipped: z.array(
    z.object({
      kindId: z.string(),
      batchNo: z.string(),
      productionDate: z.string().nullable(),
      expiryDate: z.string().nullable(),
      quantity: z.number().int(),
    }),
  ),
  requestedBy: z.string(),
  requestedAt: zInstant,
  decidedBy: z.string().nullable(),
  decidedAt: zInstant.nullable(),
  decisionNote: z.string().nullable(),
  shippedBy: z.string().nullable(),
  shippedAt: zInstant.nullable(),
  receivedBy: z.string().nullable(),
  receivedAt: zInstant.nullable(),
});
export type Transfer = z.infer<typeof zTransfer>;

export const zTransferQuery = z
  .object({
    state: zTransferState.optional(),
    warehouseId: zId.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type TransferQuery = z.infer<typeof zTransferQuery>;

export const zExpiringBatch = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  areaCode: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  unit: z.string(),
  batchNo: z.string(),
  expiryDate: z.string(),
  quantity: z.number().int(),
  /** Negative once expired. */
  daysLeft: z.number().int(),
  expired: z.boolean(),
});
export type ExpiringBatch = z.infer<typeof zExpiringBatch>;

export const zShortfall = z.object({
  warehouseId: z.string(),
  warehouseName: z.string(),
  level: zWarehouseLevel,
  areaCode: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  unit: z.string(),
  standard: z.number().int(),
  available: z.number().int(),
  inTransitIn: z.number().int(),
  shortfall: z.number().int(),
});
export type Shortfall = z.infer<typeof zShortfall>;

/** 物资预警: batches to rotate before they expire, and warehouses below their 储备标准. */
export const zSupplyAlerts = z.object({
  asOf: zDate,
  warningDays: z.number().int(),
  expiring: z.array(zExpiringBatch),
  shortfall: z.array(zShortfall),
});
export type SupplyAlerts = z.infer<typeof zSupplyAlerts>;

export const zAlertsQuery = z.object({ areaCode: zAreaCode.optional() }).strict();

export const zImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
export type ImportResult = z.infer<typeof zImportResult>;

/** 账账相符: balances that differ from the sum of their movements (always empty unless the data was tampered with). */
export const zReconcile = z.object({
  checked: z.number().int(),
  mismatches: z.array(
    z.object({ warehouseId: z.string(), kindId: z.string(), batchNo: z.string(), balance: z.number(), ledger: z.number() }),
  ),
});
