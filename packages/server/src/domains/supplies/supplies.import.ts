import type { ImportResult } from '@yingji/contracts/supplies.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { AppError, fail } from '../../platform/errors.ts';
import type { RowError } from '../../platform/excel.ts';
import { catalogueRepo } from './catalogue.repo.ts';
import type { CatalogueService } from './catalogue.service.ts';
import type { BulkStockService } from './stock.bulk.ts';
import type { SuppliesDeps } from './supplies.deps.ts';
import type { KindRow, StockRowInput, WarehouseRowInput } from './supplies.sheets.ts';
import type { WarehousesService } from './warehouses.service.ts';
import { warehousesRepo } from './warehouses.repo.ts';

type Parsed<T> = { row: number; value: T }[];

/** A domain error met while checking a row becomes that row's entry in the error list. */
function rowError(row: number, column: string | null, error: unknown): RowError {
  if (error instanceof AppError) return { row, column, message: error.message };
  throw error;
}

/**
 * Excel imports of the three registers. Rows are parsed and checked first (every problem listed by row), then
 * written in ONE transaction with an audit entry per row: one bad row, and nothing is written.
 */
export class SuppliesImport {
  constructor(
    private readonly deps: SuppliesDeps,
    private readonly catalogue: CatalogueService,
    private readonly warehouses: WarehousesService,
    private readonly bulk: BulkStockService,
  ) {}

  /** 品目: new names are added, known names updated (so a county can set its 储备标准 from a sheet). */
  async kinds(actor: Actor, rows: Parsed<KindRow>): Promise<ImportResult> {
    assertCan(actor, 'supplies:catalogue');
    const errors: RowError[] = [];
    const seen = new Map<string, number>();
    for (const { row, value } of rows) {
      if (seen.has(value.name)) errors.push({ row, column: '品目名称', message: `与第 ${seen.get(value.name)} 行重复` });
      seen.set(value.name, row);
    }
    if (errors.length > 0) fail('IMPORT_INVALID', { errors });
    let created = 0;
    let updated = 0;
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      for (const { value } of rows) {
        const fields = {
          name: value.name,
          category: value.category,
          unit: value.unit,
          shelfLifeDays: value.shelfLifeDays,
          spec: value.spec,
          reserveStandard: { county: value.standardCounty, township: value.standardTownship, village: value.standardVillage },
        };
        const existing = await catalogueRepo.byName(trx, value.name);
        if (existing) {
          await this.catalogue.change(trx, actor, existing.id, {
            ...fields,
            ...(value.source !== null && { source: value.source }),
          });
          updated += 1;
        } else {
          await this.catalogue.insert(trx, actor, { ...fields, source: value.source });
          created += 1;
        }
      }
    });
    return { created, updated };
  }

  /** 仓库: every row placed (inside the county, within the importer's scope, at a position fitting its tier). */
  async warehousesSheet(actor: Actor, rows: Parsed<WarehouseRowInput>): Promise<ImportResult> {
    assertCan(actor, 'supplies:edit');
    const errors: RowError[] = [];
    const placed = new Map<number, { locationAreaCode: string; areaCode: string }>();
    const seen = new Map<string, number>();
    for (const { row, value } of rows) {
      if (seen.has(value.name)) errors.push({ row, column: '仓库名称', message: `与第 ${seen.get(value.name)} 行重复` });
      seen.set(value.name, row);
      if (await warehousesRepo.nameTaken(this.deps.db.kysely, value.name))
        errors.push({ row, column: '仓库名称', message: '同名仓库已存在' });
      try {
        placed.set(row, await this.warehouses.placeFor(actor, value));
      } catch (error) {
        errors.push(rowError(row, '经度', error));
      }
    }
    if (errors.length > 0) fail('IMPORT_INVALID', { errors });
    const created = await this.deps.db.kysely.transaction().execute(async (trx) => {
      const out = [];
      for (const { row, value } of rows) out.push(await this.warehouses.insert(trx, actor, value, placed.get(row)!));
      return out;
    });
    for (const w of created)
      await this.deps.events.publish('supplies.changed', w.areaCode, { warehouseId: w.id, reason: 'warehouse', kindIds: [] });
    return { created: created.length, updated: 0 };
  }

  /** 入库批次: one 验收入库 per row, all in one posting; names resolved within the importer's scope. */
  async stock(actor: Actor, rows: Parsed<StockRowInput>): Promise<ImportResult> {
    assertCan(actor, 'supplies:edit');
    const db = this.deps.db.kysely;
    const warehouses = await warehousesRepo.byNames(db, actor.areaCode, [...new Set(rows.map((r) => r.value.warehouseName))]);
    const kinds = new Map((await catalogueRepo.all(db)).map((k) => [k.name, k]));
    const errors: RowError[] = [];
    for (const { row, value } of rows) {
      if (!warehouses.has(value.warehouseName))
        errors.push({ row, column: '仓库名称', message: '仓库不存在或不在您的管辖区域内' });
      if (!kinds.has(value.kindName)) errors.push({ row, column: '物资品目', message: '物资品目不存在（请先在物资品目中添加）' });
    }
    if (errors.length > 0) fail('IMPORT_INVALID', { errors });
    const lines = rows.map(({ value }) => ({
      type: 'receive' as const,
      warehouseId: warehouses.get(value.warehouseName)!.id,
      kindId: kinds.get(value.kindName)!.id,
      batchNo: value.batchNo,
      quantity: value.quantity,
      productionDate: value.productionDate,
      expiryDate: value.expiryDate,
      reference: value.reference,
      reason: 'Excel 导入',
    }));
    try {
      const result = await this.bulk.post(actor, lines, { auditEach: true, action: 'supplies.receive_import' });
      return { created: result.posted, updated: 0 };
    } catch (error) {
      // The posting names the 1-based line it stopped at; report it against the sheet's row.
      const line = error instanceof AppError ? (error.details as { line?: number } | undefined)?.line : undefined;
      if (line !== undefined && rows[line - 1]) fail('IMPORT_INVALID', { errors: [rowError(rows[line - 1]!.row, null, error)] });
      throw error;
    }
  }
}
