import { pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import ExcelJS from 'exceljs';
import type { ApiClient } from '../../../test/env.ts';
import { XLSX_TYPE } from '../../platform/excel.ts';

export const YONGHE = '441825100';
export const YONGLIAN = '441825100201'; // 永联村, 永和镇
export const JITIAN = '441825104';

/** A point inside an area, from the area's own (demo) shape as the API serves it. */
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

/** The first village of a township, by code. */
export async function firstVillage(client: ApiClient, township: string): Promise<string> {
  return (await client.get(`/api/areas?parentCode=${township}&limit=1`)).json().items[0].code as string;
}

export function shelterBody(point: { lon: number; lat: number }, overrides: Record<string, unknown> = {}) {
  return {
    name: '测试避难场所',
    type: 'outdoor',
    grade: 'fixed',
    usableArea: 3000,
    facilities: ['water', 'power', 'toilet'],
    managerName: '覃管理',
    managerPhone: '13800138000',
    ...point,
    ...overrides,
  };
}

export function targetBody(point: { lon: number; lat: number }, overrides: Record<string, unknown> = {}) {
  return {
    name: '测试学校',
    type: 'school',
    people: 800,
    responsibleName: '莫校长',
    responsiblePhone: '13800138001',
    ...point,
    ...overrides,
  };
}

/** Uploads a workbook the way the browser does. */
export function upload(client: ApiClient, url: string, buffer: Buffer) {
  return client.request({ method: 'POST', url, body: buffer, headers: { 'content-type': XLSX_TYPE } });
}

/** A workbook with the given header row and data rows, as a user would fill it in. */
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

/** Empties an area of shelters (demo ones included), so a test can build an exact case there. */
export async function clearShelters(client: ApiClient, areaCode: string): Promise<void> {
  const shelters = (await client.get(`/api/shelters?areaCode=${areaCode}&limit=500`)).json().items as {
    id: string;
    open: boolean;
    occupancy: number;
  }[];
  for (const shelter of shelters) {
    const holders = (await client.get(`/api/duty-holders?shelterId=${shelter.id}&limit=500`)).json().items as { id: string }[];
    for (const holder of holders) await client.patch(`/api/duty-holders/${holder.id}`, { shelterId: null });
    if (shelter.occupancy > 0) await client.post(`/api/shelters/${shelter.id}/occupancy`, { occupancy: 0 });
    const res = await client.request({ method: 'DELETE', url: `/api/shelters/${shelter.id}` });
    if (res.statusCode !== 200) throw new Error(`could not clear shelter ${shelter.id}: ${res.body}`);
  }
}

/** An administrator's rule change through the API. */
export function putRule(client: ApiClient, key: string, value: unknown) {
  return client.request({ method: 'PUT', url: `/api/rules/${key}`, body: { value } });
}
