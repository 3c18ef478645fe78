import type {
  IssueCreate,
  MovementPage,
  MovementType,
  Posted,
  ReceiptCreate,
  RotationCreate,
  ScrapCreate,
  StockBatch,
  Stocktake,
  StocktakeCreate,
  SupplyAlerts,
  SupplyKind,
  SupplyKindCreate,
  SupplyKindUpdate,
  Transfer,
  TransferCreate,
  TransferState,
  Warehouse,
  WarehouseCreate,
  WarehouseLevel,
  WarehouseStock,
  WarehouseUpdate,
} from '@yingji/contracts/supplies.ts';
import { api, query } from '../../app/api.ts';
import type { Paged } from '../../app/usePagedList.ts';

export const fetchKinds = (f: { q?: string; category?: string }, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<Paged<SupplyKind>>(`/api/supplies/kinds${query({ ...f, limit, offset })}`, { signal });
export const createKind = (input: SupplyKindCreate) => api.post<SupplyKind>('/api/supplies/kinds', input);
export const updateKind = (id: string, input: SupplyKindUpdate) => api.patch<SupplyKind>(`/api/supplies/kinds/${id}`, input);

export interface WarehouseFilter {
  areaCode?: string;
  level?: WarehouseLevel;
  q?: string;
}
export const fetchWarehouses = (f: WarehouseFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<Paged<Warehouse>>(`/api/supplies/warehouses${query({ ...f, limit, offset })}`, { signal });
export const createWarehouse = (input: WarehouseCreate) => api.post<Warehouse>('/api/supplies/warehouses', input);
export const updateWarehouse = (id: string, input: WarehouseUpdate) =>
  api.patch<Warehouse>(`/api/supplies/warehouses/${id}`, input);
export const fetchWarehouseStock = (id: string, signal?: AbortSignal) =>
  api.get<WarehouseStock>(`/api/supplies/warehouses/${id}/stock`, { signal });
export const fetchStocktakes = (id: string, signal?: AbortSignal) =>
  api.get<Stocktake[]>(`/api/supplies/warehouses/${id}/stocktakes`, { signal });

export const fetchBalances = (
  f: { areaCode?: string; warehouseId?: string; kindId?: string },
  limit: number,
  offset: number,
  signal?: AbortSignal,
) => api.get<Paged<StockBatch>>(`/api/supplies/stock${query({ ...f, limit, offset })}`, { signal });

export interface MovementFilter {
  warehouseId?: string;
  kindId?: string;
  type?: MovementType;
  reference?: string;
  batchNo?: string;
  from?: string;
  to?: string;
}
export const fetchMovements = (f: MovementFilter, limit: number, offset: number, signal?: AbortSignal) =>
  api.get<MovementPage>(`/api/supplies/movements${query({ ...f, limit, offset })}`, { signal });

export const postReceipt = (input: ReceiptCreate) => api.post<Posted>('/api/supplies/receipts', input);
export const postIssue = (input: IssueCreate) => api.post<Posted>('/api/supplies/issues', input);
export const postScrap = (input: ScrapCreate) => api.post<Posted>('/api/supplies/scraps', input);
export const postRotation = (input: RotationCreate) => api.post<Posted>('/api/supplies/rotations', input);
export const postStocktake = (input: StocktakeCreate) => api.post<Stocktake>('/api/supplies/stocktakes', input);

export const fetchTransfers = (
  f: { state?: TransferState; warehouseId?: string },
  limit: number,
  offset: number,
  signal?: AbortSignal,
) => api.get<Paged<Transfer>>(`/api/supplies/transfers${query({ ...f, limit, offset })}`, { signal });
export const requestTransfer = (input: TransferCreate) => api.post<Transfer>('/api/supplies/transfers', input);
export type TransferStep = 'approve' | 'reject' | 'ship' | 'receive' | 'cancel';
export const transferStep = (id: string, step: TransferStep, note?: string) =>
  api.post<Transfer>(
    `/api/supplies/transfers/${id}/${step}`,
    step === 'approve' || step === 'reject' ? { note: note || null } : undefined,
  );

export const fetchAlerts = (areaCode: string | undefined, signal?: AbortSignal) =>
  api.get<SupplyAlerts>(`/api/supplies/alerts${query({ areaCode })}`, { signal });
