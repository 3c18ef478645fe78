import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { zImportResult } from '@yingji/contracts/supplies.ts';
import { fail } from '../../platform/errors.ts';
import { fromXlsx, sendXlsx, templateXlsx, toXlsx } from '../../platform/excel.ts';
import { actorOf } from '../../platform/http/session-hook.ts';
import type { Platform } from '../../platform/platform.ts';
import {
  KIND_COLUMNS,
  kindExport,
  STOCK_COLUMNS,
  WAREHOUSE_COLUMNS,
  warehouseExport,
  zKindRow,
  zStockRow,
  zWarehouseRow,
} from './supplies.sheets.ts';

/** Excel uploads arrive as a Buffer (platform/excel.ts registers the parser); anything else is refused. */
function xlsxBody(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) fail('UNSUPPORTED_MEDIA_TYPE', undefined, '请上传 .xlsx 文件');
  return request.body;
}

/** Template, export and import for 品目, 仓库 and 入库批次 (the stock export is the current balance by batch). */
export function suppliesExcelRoutes(app: FastifyInstance, { supplies }: Platform): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supplies'];
  const imported = { 200: zImportResult };
  const everything = { limit: 500, offset: 0 };

  r.get('/api/supplies/kinds/template.xlsx', { schema: { tags, summary: '物资品目导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '物资品目导入模板.xlsx', await templateXlsx('物资品目', KIND_COLUMNS));
  });
  r.get('/api/supplies/kinds/export.xlsx', { schema: { tags, summary: '物资品目导出' } }, async (request, reply) => {
    const { items } = await supplies.catalogue.list(actorOf(request), everything);
    return sendXlsx(reply, '物资品目.xlsx', await toXlsx('物资品目', KIND_COLUMNS, kindExport(items)));
  });
  r.post(
    '/api/supplies/kinds/import',
    { schema: { tags, summary: '物资品目导入（同名更新）', response: imported } },
    async (request) => {
      const actor = actorOf(request);
      return supplies.imports.kinds(actor, await fromXlsx(xlsxBody(request), KIND_COLUMNS, zKindRow));
    },
  );

  r.get('/api/supplies/warehouses/template.xlsx', { schema: { tags, summary: '仓库导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '仓库导入模板.xlsx', await templateXlsx('仓库', WAREHOUSE_COLUMNS));
  });
  r.get(
    '/api/supplies/warehouses/export.xlsx',
    { schema: { tags, summary: '仓库导出（限本人辖区）' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const rows = [];
      for (let offset = 0; ; offset += 500) {
        const page = await supplies.warehouses.list(actor, { limit: 500, offset });
        rows.push(...page.items);
        if (rows.length >= page.total || page.items.length === 0) break;
      }
      return sendXlsx(reply, '仓库.xlsx', await toXlsx('仓库', WAREHOUSE_COLUMNS, warehouseExport(rows)));
    },
  );
  r.post('/api/supplies/warehouses/import', { schema: { tags, summary: '仓库导入', response: imported } }, async (request) => {
    const actor = actorOf(request);
    return supplies.imports.warehousesSheet(actor, await fromXlsx(xlsxBody(request), WAREHOUSE_COLUMNS, zWarehouseRow));
  });

  r.get('/api/supplies/stock/template.xlsx', { schema: { tags, summary: '入库批次导入模板' } }, async (request, reply) => {
    actorOf(request);
    return sendXlsx(reply, '入库批次导入模板.xlsx', await templateXlsx('入库批次', STOCK_COLUMNS));
  });
  r.get(
    '/api/supplies/stock/export.xlsx',
    { schema: { tags, summary: '库存导出（按批次，限本人辖区）' } },
    async (request, reply) => {
      const actor = actorOf(request);
      const rows = [];
      for (let offset = 0; ; offset += 500) {
        const page = await supplies.stock.balances(actor, { limit: 500, offset });
        rows.push(...page.items);
        if (rows.length >= page.total || page.items.length === 0) break;
      }
      const sheet = rows.map((b) => ({ ...b, kindName: b.kindName, warehouseName: b.warehouseName, reference: null }));
      return sendXlsx(reply, '库存.xlsx', await toXlsx('库存', STOCK_COLUMNS, sheet));
    },
  );
  r.post(
    '/api/supplies/stock/import',
    { schema: { tags, summary: '入库批次导入（验收入库）', response: imported } },
    async (request) => {
      const actor = actorOf(request);
      return supplies.imports.stock(actor, await fromXlsx(xlsxBody(request), STOCK_COLUMNS, zStockRow));
    },
  );
}
