import { zMobile } from '@yingji/contracts/common.ts';
import { CONTACT_GROUP_NAMES, SPECIAL_NEED_NAMES, zContactCreate, type Contact } from '@yingji/contracts/warnings.ts';
import { z } from 'zod';
import type { AreasService } from '../areas/areas.service.ts';
import type { SheetColumn } from '../../platform/excel.ts';
import { areaNames, chinese, demoSource, optionalText, text, validatedBy } from '../../platform/excel-rows.ts';

/*
 * The 预警接收人 sheet: what a village hands in as its resident phone list. Import columns are keyed by the create
 * contract's fields, so a row error names its Chinese header; the export adds the village's name and the source after
 * them, and can be filled in and imported again (the extra columns are ignored).
 */

/** The allowed values (居民/村干部/…, 是/否) are shown by the template's example row and named by row errors. */
export const CONTACT_COLUMNS: SheetColumn[] = [
  { key: 'name', header: '姓名', width: 10, example: '莫秀英' },
  { key: 'phone', header: '手机号', width: 14, example: '13900001234' },
  { key: 'email', header: '电子邮箱', width: 22, example: '' },
  { key: 'group', header: '类别', width: 16, example: '居民' },
  { key: 'areaCode', header: '村/组代码', width: 17, example: '441825100201' },
  { key: 'consent', header: '同意接收', width: 10, example: '是' },
  { key: 'specialNeed', header: '特殊群体', width: 14, example: '' },
  { key: 'helperName', header: '转移责任人', width: 10, example: '' },
  { key: 'helperPhone', header: '责任人电话', width: 14, example: '' },
  { key: 'route', header: '转移路线', width: 28, example: '' },
  { key: 'shelterName', header: '安置点', width: 20, example: '' },
  { key: 'note', header: '备注', width: 20, example: '' },
];

/** Phones typed as numbers come back as numbers; phones and e-mail are checked in the first stage, with the row's other errors. */
const mobile = (label: string) =>
  z.preprocess((v) => (v === undefined ? v : String(v).trim()), z.string(`${label}不能为空`).pipe(zMobile));
const optionalMobile = z.preprocess((v) => (v === undefined ? null : String(v).trim()), zMobile.nullable());
const optionalEmail = z.preprocess((v) => (v === undefined ? null : String(v).trim()), zContactCreate.shape.email);

/** 同意接收: 是/否 (also 同意/不同意), never left empty — a resident is only warned by SMS when they agreed. */
const consent = z.preprocess(
  (v) => (v === undefined ? v : String(v).trim()),
  z
    .string('同意接收不能为空，请填“是”或“否”')
    .refine((v) => ['是', '否', '同意', '不同意'].includes(v), '同意接收应填“是”或“否”')
    .transform((v) => v === '是' || v === '同意'),
);

/** 特殊群体 is optional: empty for most people. */
const specialNeed = z.preprocess(
  (v) => (v === undefined ? null : String(v).trim()),
  chinese(SPECIAL_NEED_NAMES, '特殊群体').nullable(),
);

export const zContactRow = z
  .object({
    name: text('姓名'),
    phone: mobile('手机号'),
    email: optionalEmail,
    group: chinese(CONTACT_GROUP_NAMES, '类别'),
    areaCode: text('村/组代码'),
    consent,
    specialNeed,
    helperName: optionalText,
    helperPhone: optionalMobile,
    route: optionalText,
    shelterName: optionalText,
    note: optionalText,
  })
  .transform(validatedBy(zContactCreate));

const CONTACT_EXPORT_COLUMNS: SheetColumn[] = [
  ...CONTACT_COLUMNS,
  { key: 'areaName', header: '所在村（组）', width: 16 },
  { key: 'demo', header: '数据来源', width: 10 },
];

export async function contactExport(areas: Pick<AreasService, 'nameOf'>, contacts: Contact[]) {
  const nameOf = areaNames(areas);
  const rows = [];
  for (const c of contacts) {
    rows.push({
      ...c,
      group: CONTACT_GROUP_NAMES[c.group],
      consent: c.consent ? '是' : '否',
      specialNeed: c.specialNeed ? SPECIAL_NEED_NAMES[c.specialNeed] : '',
      areaName: await nameOf(c.areaCode),
      demo: demoSource(c.demo),
    });
  }
  return { columns: CONTACT_EXPORT_COLUMNS, rows };
}
