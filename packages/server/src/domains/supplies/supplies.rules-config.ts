import { z } from 'zod';
import { defineRule } from '../../platform/rules/rules.ts';

/** How early a batch is flagged for 轮换 before it expires. */
export const EXPIRY_WARNING_DAYS = defineRule({
  key: 'supplies.expiry_warning_days',
  description:
    '物资临期提醒天数：批次有效期前多少天提示轮换。默认 90 天，依据议题 E2「Expiry and rotation reminders (e.g. 90 days before expiry)」及 000「建立应急物资采购、调拨、使用、轮换……等管理办法」；具体天数各县可按物资管理办法调整 [推断]。',
  schema: z.number().int().min(1).max(3650),
  default: 90,
});

/** When the daily 物资预警 scan runs, in Asia/Shanghai hours. */
export const DAILY_SCAN_HOUR = defineRule({
  key: 'supplies.daily_scan_hour',
  description: '物资每日预警扫描时刻（北京时间，0–23 时）。默认凌晨 1 时，避开白天业务高峰 [推断]。',
  schema: z.number().int().min(0).max(23),
  default: 1,
});
