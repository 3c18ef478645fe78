import { pointOnFeature } from '@turf/turf';
import ExcelJS from 'exceljs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { ApiClient } from '../../../test/env.ts';
import { XLSX_TYPE } from '../../platform/excel.ts';

export const COUNTY = '441825';
export const YONGHE = '441825100';
export const JITIAN = '441825104';

/** A point inside an area, from the area's (demo) shape as the API serves it. */
export async function pointIn(client: ApiClient, code: string): Promise<{ lon: number; lat: number }> {
  const level = code.length === 9 ? 'township' : code.length === 12 ? 'village' : 'county';
  const fc = (await client.get(`/api/areas/geojson?root=${code}&levels=${level}`)).json() as {
    features: Feature<Polygon | MultiPolygon, { code: string }>[];
  };
  const feature = fc.features.find((f) => f.properties.code === code);
  if (!feature) throw new Error(`no shape for ${code}`);
  const [lon, lat] = pointOnFeature(feature).geometry.coordinates as [number, number];
  return { lon, lat };
}

let counter = 0;

/** Creates a warehouse of the tier inside the township; returns its id. Names are unique per call. */
export async function makeWarehouse(
  client: ApiClient,
  township: string,
  level: 'county' | 'township' | 'village',
  name = `测试仓库${(counter += 1)}`,
): Promise<string> {
  const res = await client.post('/api/supplies/warehouses', {
    name,
    level,
    ...(await pointIn(client, township)),
    keeper: '覃保管',
    phone: '13800138000',
    capacityM3: 500,
  });
  if (res.statusCode !== 201) throw new Error(`warehouse: ${res.body}`);
  return res.json().id as string;
}

/** Receives one batch; returns the response. */
export function receive(
  client: ApiClient,
  warehouseId: string,
  kindId: string,
  batchNo: string,
  quantity: number,
  dates: { productionDate?: string; expiryDate?: string | null } = {},
) {
  return client.post('/api/supplies/receipts', {
    warehouseId,
    reference: 'CG-2026-001',
    lines: [{ kindId, batchNo, productionDate: dates.productionDate ?? '2026-03-01', expiryDate: dates.expiryDate, quantity }],
  });
}

export async function stockOf(
  client: ApiClient,
  warehouseId: string,
  kindId: string,
): Promise<{ onHand: number; available: number; inTransitIn: number; inTransitOut: number }> {
  const res = await client.get(`/api/supplies/warehouses/${warehouseId}/stock`);
  const kind = (
    res.json().kinds as { kindId: string; onHand: number; available: number; inTransitIn: number; inTransitOut: number }[]
  ).find((k) => k.kindId === kindId);
  return kind ?? { onHand: 0, available: 0, inTransitIn: 0, inTransitOut: 0 };
}

export function upload(client: ApiClient, url: string, buffer: Buffer) {
  return client.request({ method: 'POST', url, body: buffer, headers: { 'content-type': XLSX_TYPE } });
}

export async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('导入');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function readWorkbook(buffer: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
