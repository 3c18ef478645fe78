import type { TransferState } from '@yingji/contracts/supplies.ts';

/** The events of the supplies domain, added to the platform's catalogue by declaration merging. */
declare module '../../platform/events/bus.ts' {
  interface YingjiEvents {
    /** A warehouse or its stock changed: the spatial index and open ledger pages refresh. */
    'supplies.changed': { warehouseId: string; reason: 'warehouse' | 'stock'; kindIds: string[] };
    /** From the daily scan: batches of a warehouse within the warning window or past expiry (轮换提醒). */
    'supplies.expiring': {
      warehouseId: string;
      warehouseName: string;
      items: { kindId: string; kindName: string; batchNo: string; expiryDate: string; quantity: number; daysLeft: number }[];
    };
    /** From the daily scan: kinds a warehouse holds less of than its 储备标准. */
    'supplies.shortfall': {
      warehouseId: string;
      warehouseName: string;
      items: { kindId: string; kindName: string; standard: number; available: number; shortfall: number }[];
    };
    'supplies.transfer_changed': { id: string; state: TransferState; fromWarehouseId: string; toWarehouseId: string };
  }
}

export {};
