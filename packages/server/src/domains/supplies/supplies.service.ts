import type { LocatedItem } from '@yingji/contracts/located.ts';
import type { Warehouse } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { AlertsService } from './alerts.service.ts';
import { CatalogueService } from './catalogue.service.ts';
import { BulkStockService } from './stock.bulk.ts';
import { StockService } from './stock.service.ts';
import { SuppliesImport } from './supplies.import.ts';
import { StocktakeService } from './stocktake.service.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import { TransfersService } from './transfers.service.ts';
import { WarehousesService } from './warehouses.service.ts';
import './supplies.events.ts';

/** The supplies domain as the platform holds it: one service per use case, and what other domains may call. */
export class SuppliesService {
  readonly catalogue: CatalogueService;
  readonly warehouses: WarehousesService;
  readonly stock: StockService;
  readonly bulk: BulkStockService;
  readonly stocktakes: StocktakeService;
  readonly transfers: TransfersService;
  readonly alerts: AlertsService;
  readonly imports: SuppliesImport;

  constructor(deps: SuppliesDeps) {
    this.catalogue = new CatalogueService(deps);
    this.warehouses = new WarehousesService(deps);
    this.stock = new StockService(deps, this.warehouses);
    this.bulk = new BulkStockService(deps, this.stock);
    this.stocktakes = new StocktakeService(deps, this.warehouses, this.stock);
    this.transfers = new TransfersService(deps, this.stock);
    this.alerts = new AlertsService(deps);
    this.imports = new SuppliesImport(deps, this.catalogue, this.warehouses, this.bulk);
  }

  /** A warehouse within the actor's scope (WAREHOUSE_NOT_FOUND otherwise): for dispatch and incident domains. */
  getWarehouse(actor: Actor, id: string): Promise<Warehouse> {
    return this.warehouses.get(actor, id);
  }

  /** Every warehouse with its available stock per kind, for the spatial search; refresh on 'supplies.changed'. */
  allLocated(): Promise<LocatedItem[]> {
    return this.warehouses.allLocated();
  }

  /** Queues the next daily 物资预警 scan (idempotent); the platform calls it at start. */
  scheduleDailyScan(): Promise<string> {
    return this.alerts.scheduleDailyScan();
  }
}
