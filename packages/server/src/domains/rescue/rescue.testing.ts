import { pointOnFeature } from '@turf/turf';
import type { Feature } from 'geojson';
import type { ApiClient } from '../../../test/env.ts';

/** Test helpers of the rescue domain (not a test file itself). */

export const YONGHE = '441825100';
export const JITIAN = '441825104';
export const YONGLIAN = '441825100201'; // 永联村, 永和镇
export const SHIXI = '441825104202'; // 石溪村, 吉田镇

/** A point inside any area (county, township or village) of the demo county, from its demo geometry. */
export async function pointsOf(county: ApiClient): Promise<(code: string) => { lon: number; lat: number }> {
  const fc = (await county.get('/api/areas/geojson?levels=township,village')).json() as { features: Feature[] };
  return (code) => {
    const feature = fc.features.find((f) => f.properties?.code === code);
    if (!feature) throw new Error(`no geometry for ${code}`);
    const [lon, lat] = pointOnFeature(feature).geometry.coordinates as [number, number];
    return { lon, lat };
  };
}

export const teamInput = (name: string, at: { lon: number; lat: number }, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'comprehensive',
  level: 'township',
  ...at,
  leaderName: '覃队长',
  leaderPhone: '13800138000',
  ...extra,
});

export const expertInput = (name: string, at: { lon: number; lat: number }, extra: Record<string, unknown> = {}) => ({
  name,
  fields: ['防汛抗旱'],
  title: '高级工程师',
  organisation: '连山县水利局',
  phone: '13900139000',
  ...at,
  ...extra,
});

/** The client has no PUT helper; the rules route is PUT. */
export function putRule(admin: ApiClient, key: string, value: unknown) {
  return admin.request({ method: 'PUT' as 'PATCH', url: `/api/rules/${key}`, body: { value } });
}

export async function auditTotal(client: ApiClient): Promise<number> {
  return (await client.get('/api/audit?limit=1')).json().total as number;
}

/** Every cell of the first sheet, as text: enough to check what an export contains. */
export async function sheetText(buffer: Buffer): Promise<string[][]> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => cells.push(cell.text));
    rows.push(cells);
  });
  return rows;
}

/** A workbook with one sheet: headers, then rows. */
export async function workbook(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('导入');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const XLSX_HEADERS = { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
