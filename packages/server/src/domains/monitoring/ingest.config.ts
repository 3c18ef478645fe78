import { zAlarmLevel } from '@yingji/contracts/monitoring.ts';
import { z } from 'zod';
import { defineRule } from '../../platform/rules/rules.ts';

/** 设备离线: no reading for this long marks a station offline and reports the 'offline' condition. */
export const OFFLINE_RULE = defineRule({
  key: 'monitoring.offline',
  description:
    '监测设备离线判定：超过多少分钟未收到数据即判为离线并产生告警（级别可调）。默认 30 分钟、蓝色，依据议题 E3「device offline after N minutes without data」；雨量、水位遥测站常见 5–60 分钟报送间隔，各县可按设备报送周期调整 [推断]。',
  schema: z
    .object({
      minutes: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 60),
      level: zAlarmLevel,
    })
    .strict(),
  default: { minutes: 30, level: 'blue' as const },
});

/** How long raw readings are kept; hourly and daily aggregates are kept for years. */
export const RAW_RETENTION_DAYS = defineRule({
  key: 'monitoring.raw_retention_days',
  description:
    '监测原始数据保留天数：超过即删除原始读数，小时/日统计值（最小、最大、平均、累计、条数）长期保留。默认 90 天，依据议题 E3「raw readings kept N days」[推断]。',
  schema: z.number().int().min(2).max(3650),
  default: 90,
});

/** A reading stamped further ahead of the server's clock than this is refused (a device clock gone wrong). */
export const FUTURE_TOLERANCE_MINUTES = defineRule({
  key: 'monitoring.future_tolerance_minutes',
  description: '监测数据时间超前容差（分钟）：设备时间超前服务器时间超过此值的读数被拒收并计数。默认 10 分钟 [推断]。',
  schema: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
  default: 10,
});

/** Per-station token bucket against floods of bad messages: each refused reading or message takes a token. */
export const BAD_INPUT_BUCKET = defineRule({
  key: 'monitoring.bad_input_bucket',
  description:
    '单个设备错误数据限流（令牌桶）：每条被拒收的读数或报文消耗一个令牌，桶空时该设备的报文一律暂拒（HTTP 429 / 断开 MQTT 连接），不影响其他设备。默认容量 200、每秒补充 20 [推断]。',
  schema: z.object({ burst: z.number().int().min(1).max(1_000_000), perSecond: z.number().min(0.01).max(1_000_000) }).strict(),
  default: { burst: 200, perSecond: 20 },
});
