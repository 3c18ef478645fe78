import { z } from 'zod';
import { zAreaCode, zInstant, zPage } from './common.ts';
import { ALARM_LEVELS, zAlarmLevel, zStationKind, type AlarmLevel, type StationKind } from './monitoring.ts';

/**
 * 告警 (issue E3 items 3 and 4): the rules that turn readings into conditions, and the alarms raised from them.
 * Rule configurations are shared with the web app so the rule editor validates exactly as the server does.
 */

// ——— Rules ———

/** Every rule a station can raise an alarm under; one open alarm per station and rule at most. */
export const ALARM_RULES = [
  'rainfall',
  'water_level',
  'displacement_rate',
  'crack_rate',
  'gas_lel',
  'toxic_gas',
  'liquid_level',
  'tank_temperature',
  'pressure',
  'fire_danger',
] as const;
export const zAlarmRule = z.enum(ALARM_RULES);
export type AlarmRule = z.infer<typeof zAlarmRule>;

export const ALARM_RULE_LABELS: Record<AlarmRule, string> = {
  rainfall: '累计降雨量',
  water_level: '水位',
  displacement_rate: '位移速率',
  crack_rate: '裂缝变化速率',
  gas_lel: '可燃气体浓度',
  toxic_gas: '有毒气体浓度',
  liquid_level: '液位',
  tank_temperature: '温度',
  pressure: '压力',
  fire_danger: '森林火险等级',
};

const zThreshold = z.number().nonnegative().nullable();

/**
 * A value at or above a level's threshold (达到或超过) reaches that level; null leaves the level unused. Thresholds
 * rise with the level, so the highest level reached is the one reported.
 */
export const zThresholds = z
  .object({ blue: zThreshold, yellow: zThreshold, orange: zThreshold, red: zThreshold })
  .strict()
  .refine(
    (t) => {
      const set = ALARM_LEVELS.map((l) => t[l]).filter((v): v is number => v !== null);
      return set.every((v, i) => i === 0 || v > set[i - 1]!);
    },
    { message: '阈值须按蓝、黄、橙、红逐级升高' },
  );
export type Thresholds = z.infer<typeof zThresholds>;

/** How far below a threshold a value must fall before its level is left (回差), in the rule's unit. */
const zHysteresis = z.number().nonnegative().max(1000);

export const zRainfallConfig = z
  .object({
    enabled: z.boolean(),
    windows: z
      .array(z.object({ hours: z.number().int().min(1).max(24), thresholds: zThresholds }).strict())
      .min(1)
      .max(8),
    hysteresis: zHysteresis,
  })
  .strict();
export type RainfallConfig = z.infer<typeof zRainfallConfig>;

/** 水位: 警戒/保证/历史最高 come from the station register; blue is `approachMargin` metres below 警戒. */
export const zWaterLevelConfig = z
  .object({ enabled: z.boolean(), approachMargin: z.number().nonnegative().max(50), hysteresis: zHysteresis })
  .strict();
export type WaterLevelConfig = z.infer<typeof zWaterLevelConfig>;

/** A rate in mm/day, from the change over the last `windowHours` (needs readings spanning `minSpanHours`). */
export const zRateConfig = z
  .object({
    enabled: z.boolean(),
    windowHours: z.number().min(1).max(168),
    minSpanHours: z.number().min(0.1).max(168),
    thresholds: zThresholds,
    hysteresis: zHysteresis,
  })
  .strict()
  .refine((c) => c.minSpanHours <= c.windowHours, { message: '最短跨度不能超过统计窗口' });
export type RateConfig = z.infer<typeof zRateConfig>;

/** A reading against fixed levels (gas concentration, liquid level, temperature, pressure). */
export const zLimitConfig = z.object({ enabled: z.boolean(), thresholds: zThresholds, hysteresis: zHysteresis }).strict();
export type LimitConfig = z.infer<typeof zLimitConfig>;

/** A factor table: the points of the last band whose `from` the value reaches (bands in ascending `from`). */
export const zBands = z
  .array(z.object({ from: z.number(), points: z.number() }).strict())
  .min(1)
  .refine((b) => b.every((band, i) => i === 0 || band.from > b[i - 1]!.from), { message: '分档下限须逐档升高' });
export type Bands = z.infer<typeof zBands>;

export const zFireDangerConfig = z
  .object({
    enabled: z.boolean(),
    /** A day with at most this much rain (mm) counts as a day without rain. */
    noRainMaxMm: z.number().nonnegative(),
    temperature: zBands,
    humidity: zBands,
    noRainDays: zBands,
    wind: zBands,
    rainCorrection: zBands,
    /** Index at or above each cut-point gives 等级 2, 3, 4, 5 (below the first: 等级 1). */
    cutPoints: z
      .array(z.number())
      .length(4)
      .refine((c) => c.every((v, i) => i === 0 || v > c[i - 1]!), { message: '等级分界须逐级升高' }),
    hysteresis: zHysteresis,
  })
  .strict();
export type FireDangerConfig = z.infer<typeof zFireDangerConfig>;

/** The configuration schema of each rule, for per-station overrides. */
export const RULE_CONFIG_SCHEMAS = {
  rainfall: zRainfallConfig,
  water_level: zWaterLevelConfig,
  displacement_rate: zRateConfig,
  crack_rate: zRateConfig,
  gas_lel: zLimitConfig,
  toxic_gas: zLimitConfig,
  liquid_level: zLimitConfig,
  tank_temperature: zLimitConfig,
  pressure: zLimitConfig,
  fire_danger: zFireDangerConfig,
} as const satisfies Record<AlarmRule, z.ZodType>;
export type RuleConfigs = { [K in AlarmRule]: z.infer<(typeof RULE_CONFIG_SCHEMAS)[K]> };

export const zStationRuleParams = z.object({ stationId: z.string().min(1).max(64), rule: zAlarmRule }).strict();
export const zStationParams = z.object({ stationId: z.string().min(1).max(64) }).strict();
/** The body of a per-station override: the whole configuration of that rule (validated against the rule's schema). */
export const zStationRuleBody = z.object({ config: z.record(z.string(), z.unknown()) }).strict();

export const zStationRuleView = z.object({
  rule: zAlarmRule,
  /** What the station is evaluated with: its override if set, else its kind's, else the county default. */
  effective: z.unknown(),
  source: z.enum(['station', 'kind', 'default']),
  /** Version of this station's override (0: never overridden); each change is also in the audit log. */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type StationRuleView = z.infer<typeof zStationRuleView>;

// ——— Alarms ———

export const zAlarmState = z.enum(['active', 'recovered']);
export type AlarmState = z.infer<typeof zAlarmState>;
export const ALARM_STATE_LABELS: Record<AlarmState, string> = { active: '告警中', recovered: '已恢复' };

export const zAlarm = z.object({
  id: z.uuid(),
  stationId: z.string(),
  stationCode: z.string(),
  stationName: z.string(),
  stationKind: zStationKind,
  areaCode: z.string(),
  /** The rule key (see ALARM_RULES), or another watcher's key such as 'offline'. */
  rule: z.string(),
  state: zAlarmState,
  /** The level now (the last one reported while active; the level at recovery once recovered). */
  level: zAlarmLevel,
  /** The highest level reached while active. */
  peakLevel: zAlarmLevel,
  value: z.number().nullable(),
  message: z.string(),
  /** When the condition was first measured, when the level last changed, when it cleared (reading times). */
  raisedAt: z.string(),
  changedAt: z.string(),
  recoveredAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  ackNote: z.string().nullable(),
  /** Link points for 转预警草稿 (E4) and 转事件 (E6); null until those domains exist and the action is taken. */
  warningId: z.string().nullable(),
  incidentId: z.string().nullable(),
});
export type Alarm = z.infer<typeof zAlarm>;

export const zAlarmChange = z.object({
  seq: z.number().int(),
  at: z.string(),
  kind: z.enum(['raised', 'escalated', 'lowered', 'recovered', 'acknowledged']),
  fromLevel: zAlarmLevel.nullable(),
  toLevel: zAlarmLevel.nullable(),
  value: z.number().nullable(),
  message: z.string(),
  actor: z.string(),
});
export type AlarmChange = z.infer<typeof zAlarmChange>;

export const zAlarmDetail = zAlarm.extend({ history: z.array(zAlarmChange) });
export type AlarmDetail = z.infer<typeof zAlarmDetail>;

const zQueryBool = z.enum(['true', 'false']).transform((v) => v === 'true');
/** Comma-separated levels in a query string: `level=orange,red`. */
const zLevelList = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(zAlarmLevel).min(1));

export const zAlarmListQuery = zPage
  .extend({
    state: zAlarmState.optional(),
    level: zLevelList.optional(),
    stationKind: zStationKind.optional(),
    areaCode: zAreaCode.optional(),
    stationId: z.string().min(1).max(64).optional(),
    rule: z.string().min(1).max(64).optional(),
    acknowledged: zQueryBool.optional(),
    /** Alarms raised at or after / before these instants. */
    from: zInstant.optional(),
    to: zInstant.optional(),
  })
  .strict();
export type AlarmListQuery = z.infer<typeof zAlarmListQuery>;

export const zAlarmAck = z.object({ note: z.string().trim().min(1, '请填写处置说明').max(500, '说明最多 500 字') }).strict();
export type AlarmAck = z.infer<typeof zAlarmAck>;

/**
 * What every alarm event on the live feed carries (alarm.raised / escalated / lowered / recovered / acknowledged):
 * enough for the banner, the alarm list and the map without a further request.
 */
export interface AlarmEvent {
  id: string;
  stationId: string;
  stationCode: string;
  stationName: string;
  stationKind: StationKind;
  rule: string;
  level: AlarmLevel;
  /** The level before this change (null when raised). */
  previousLevel: AlarmLevel | null;
  peakLevel: AlarmLevel;
  value: number | null;
  message: string;
  /** The reading time of the change (the server time for an acknowledgement). */
  at: string;
}
