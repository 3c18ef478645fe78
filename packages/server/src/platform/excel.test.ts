import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fromXlsx, templateXlsx, toXlsx, type SheetColumn } from './excel.ts';

const columns: SheetColumn[] = [
  { key: 'name', header: '名称', example: '帐篷' },
  { key: 'quantity', header: '数量', example: 10 },
];
const schema = z.object({ name: z.string().min(1), quantity: z.coerce.number().int().min(0) }).strict();

describe('Excel import and export', () => {
  it('round-trips rows under Chinese headers and skips the template example', async () => {
    const template = await fromXlsx(await templateXlsx('物资', columns), columns, schema);
    expect(template).toEqual([]);
    const rows = await fromXlsx(
      await toXlsx('物资', columns, [
        { name: '折叠床', quantity: 20 },
        { name: '棉被', quantity: 5 },
      ]),
      columns,
      schema,
    );
    expect(rows).toEqual([
      { row: 2, value: { name: '折叠床', quantity: 20 } },
      { row: 3, value: { name: '棉被', quantity: 5 } },
    ]);
  });

  it('rejects the whole file with every bad row listed', async () => {
    const file = await toXlsx('物资', columns, [
      { name: '折叠床', quantity: 20 },
      { name: '', quantity: -1 },
      { name: '棉被', quantity: '很多' },
    ]);
    const error = await fromXlsx(file, columns, schema).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IMPORT_INVALID' });
    const rows = (error as { details: { errors: { row: number; column: string }[] } }).details.errors;
    expect(rows.map((e) => [e.row, e.column])).toEqual([
      [3, '名称'],
      [3, '数量'],
      [4, '数量'],
    ]);
  });

  it('says which headers are missing and refuses files that are not workbooks', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['名称']);
    const noQuantity = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(fromXlsx(noQuantity, columns, schema)).rejects.toMatchObject({ code: 'EXCEL_INVALID', message: '缺少列：数量' });
    await expect(fromXlsx(Buffer.from('not a workbook'), columns, schema)).rejects.toMatchObject({ code: 'EXCEL_INVALID' });
  });
});
