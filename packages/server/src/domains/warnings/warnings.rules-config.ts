import { z } from 'zod';
import { defineRule } from '../../platform/rules/rules.ts';

/** How long a targeted village has to confirm 已落实 before the delivery board marks it overdue. */
export const CONFIRM_DEADLINE_RULE = defineRule({
  key: 'warnings.confirm_minutes',
  description:
    '预警发布后，村（社区）须在多少分钟内在手机上确认已落实（传达、巡查、转移），超时在发布看板上标红。默认 60 分钟（各县可按本地预案调整）。',
  schema: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  default: 60,
});

/** Who signs the messages: the 【署名】 of SMS texts and the CAP senderName. */
export const PUBLISHER_RULE = defineRule({
  key: 'warnings.publisher',
  description: '预警发布署名：短信【】内的签名和 CAP senderName。留空时用“<县名>应急管理局”。短信签名须与运营商报备的签名一致。',
  schema: z.object({ senderName: z.string().trim().max(30).nullable() }).strict(),
  default: { senderName: null },
});
