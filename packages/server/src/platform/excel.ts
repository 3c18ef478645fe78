import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fail } from './errors.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Register workbooks may be large; they get their own body limit. */
const XLSX_LIMIT = 20 * 1024 * 1024;

/** One column of a register's sheet: the field, its Chinese header (what users see and type), and a sample value. */
export interface SheetColumn {
  key: string;
  header: string;
  width?: number;
  /** Shown in the downloadable template's second row, so users see the expected form. */
  example?: string | number;
}

export interface RowError {
  /** The Excel row number, as the user sees it (the header is row 1). */
  row: number;
  column: string | null;
  message: string;
}

export async function toXlsx(sheetName: string, columns: SheetColumn[], rows: Record<string, unknown>[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ key: c.key, header: c.header, width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The import template: headers plus one example row, which the import recognises and skips. */
export function templateXlsx(sheetName: string, columns: SheetColumn[]): Promise<Buffer> {
  const example = Object.fromEntries(columns.map((c) => [c.key, c.example ?? '']));
  return toXlsx(sheetName, columns, [{ ...example, [columns[0]!.key]: `示例：${example[columns[0]!.key] ?? ''}` }]);
}

function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    return undefined;
  }
  return typeof value === 'string' ? value.trim() || undefined : value;
}

/**
 * Reads the first sheet, matching columns by their Chinese header, and validates every row with the schema.
 * All or nothing: any bad row rejects the file with the full row-by-row list (IMPORT_INVALID).
 */
export async function fromXlsx<S extends z.ZodType>(
  buffer: Buffer,
  columns: SheetColumn[],
  schema: S,
): Promise<{ row: number; value: z.infer<S> }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    fail('EXCEL_INVALID');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) fail('EXCEL_INVALID', undefined, 'Excel 文件中没有工作表');
  const headerIndex = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => headerIndex.set(String(cellValue(cell.value) ?? ''), col));
  const missing = columns.filter((c) => !headerIndex.has(c.header)).map((c) => c.header);
  if (missing.length > 0) fail('EXCEL_INVALID', { missing }, `缺少列：${missing.join('、')}`);
  const headerOf = new Map(columns.map((c) => [c.key, c.header]));
  const errors: RowError[] = [];
  const rows: { row: number; value: z.infer<S> }[] = [];
  for (let r = 2; r <= sheet.rowCount; r += 1) {
    const raw: Record<string, unknown> = {};
    for (const c of columns) raw[c.key] = cellValue(sheet.getRow(r).getCell(headerIndex.get(c.header)!).value);
    if (Object.values(raw).every((v) => v === undefined)) continue;
    if (String(raw[columns[0]!.key] ?? '').startsWith('示例：')) continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) rows.push({ row: r, value: parsed.data });
    else {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        errors.push({ row: r, column: headerOf.get(key) ?? null, message: issue.message });
      }
    }
  }
  if (errors.length > 0) fail('IMPORT_INVALID', { errors });
  return rows;
}

/** Accepts .xlsx bodies as raw buffers on every route, with their own size limit. */
export function acceptXlsx(app: FastifyInstance): void {
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: XLSX_LIMIT }, (_request, body, done) => done(null, body));
}

export function sendXlsx(reply: FastifyReply, filename: string, buffer: Buffer): FastifyReply {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .send(buffer);
}

/** An uploaded workbook: a Buffer (acceptXlsx parses .xlsx bodies); any other body is refused. */
export function xlsxBody(request: FastifyRequest): Buffer {
  if (!Buffer.isBuffer(request.body)) fail('UNSUPPORTED_MEDIA_TYPE', undefined, '请上传 .xlsx 文件');
  return request.body;
}
