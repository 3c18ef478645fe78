import { CONFIRM_ACTION_NAMES, type Coverage } from '@yingji/contracts/warnings.ts';
import { toXlsx, type SheetColumn } from '../../platform/excel.ts';

const COLUMNS: SheetColumn[] = [
  { key: 'township', header: '乡镇（街道）', width: 16 },
  { key: 'village', header: '村（社区）', width: 20 },
  { key: 'targeted', header: '应发人数', width: 10 },
  { key: 'reached', header: '已送达人数', width: 10 },
  { key: 'failed', header: '发送失败人数', width: 12 },
  { key: 'coverage', header: '覆盖率', width: 10 },
  { key: 'confirmedAt', header: '落实时间', width: 20 },
  { key: 'confirmedBy', header: '落实人', width: 12 },
  { key: 'actions', header: '已落实措施', width: 20 },
  { key: 'transferred', header: '转移人数', width: 10 },
  { key: 'overdue', header: '超时未落实', width: 10 },
];

const percent = (ratio: number | null) => (ratio === null ? '无登记人员' : `${(ratio * 100).toFixed(1)}%`);
const beijing = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';

/** 预警覆盖率报表: one row per targeted village, then the warning's total (IND-16/IND-30: 预警信息公众覆盖率). */
export function coverageWorkbook(coverage: Coverage): Promise<Buffer> {
  const rows: Record<string, unknown>[] = coverage.villages.map((v) => ({
    township: v.townshipName ?? '',
    village: v.villageName,
    targeted: v.targeted,
    reached: v.reached,
    failed: v.failed,
    coverage: percent(v.coverage),
    confirmedAt: beijing(v.confirmedAt),
    confirmedBy: v.confirmedBy ?? '',
    actions: v.actions.map((a) => CONFIRM_ACTION_NAMES[a]).join('、'),
    transferred: v.transferred,
    overdue: v.overdue ? '是' : '',
  }));
  rows.push({ township: '合计', targeted: coverage.targeted, reached: coverage.reached, coverage: percent(coverage.coverage) });
  return toXlsx('预警覆盖率', COLUMNS, rows);
}
