import {
  zFireDangerConfig,
  zLimitConfig,
  zRainfallConfig,
  zRateConfig,
  zWaterLevelConfig,
  type AlarmRule,
  type Thresholds,
} from '@yingji/contracts/alarms.ts';
import { zStationKind } from '@yingji/contracts/monitoring.ts';
import { z } from 'zod';
import { defineRule, type RuleDefinition } from '../../platform/rules/rules.ts';

/**
 * The county-wide defaults of every alarm rule (platform/rules: an administrator edits them at /api/rules, each
 * change versioned in the audit log). Each value is `{ default, byKind }`: `byKind` replaces the whole configuration
 * for stations of one kind; a station's own override (alarm_station_rules) replaces both.
 * Marks as in shared/requirements/domain-rules.md: [V] seen in the cited text, [V-2nd] secondary copy only,
 * [unverified] from memory or no source — every [unverified] figure is a starting point for the county to confirm.
 */
function family<S extends z.ZodType>(config: S) {
  return z.object({ default: config, byKind: z.partialRecord(zStationKind, config) }).strict();
}

const none: Thresholds = { blue: null, yellow: null, orange: null, red: null };

/**
 * Rainfall accumulated over sliding windows (the sum of the increments measured in (t − window, t]).
 * - 1 h ≥ 50 mm → orange: seed 001 names "每小时50毫米以上降雨" as a warning to publish [V: seeds-catalogue SYS-B01];
 *   orange because 50 mm within 1 h also meets the 3 h/50 mm orange criterion below.
 * - 1 h ≥ 20 mm → blue: 短时强降水 (≥ 20 mm/h) in 气象 practice [unverified].
 * - 暴雨预警信号, 《气象灾害预警信号发布与传播办法》(中国气象局令第16号, 2007) 附件 [unverified: from memory, official text
 *   not retrieved]: 蓝 12 h ≥ 50 mm, 黄 6 h ≥ 50 mm, 橙 3 h ≥ 50 mm, 红 3 h ≥ 100 mm. The signals are issued on forecasts
 *   ("将达"); here they are applied to measured accumulations.
 * - 24 h: GB/T 28592-2012 降水量等级 暴雨 ≥ 50, 大暴雨 ≥ 100, 特大暴雨 ≥ 250 mm [unverified] → blue/yellow/orange.
 * Hysteresis 5 mm [unverified: a choice, so a gauge that stops tipping near a threshold recovers once].
 */
export const RAINFALL_RULE = defineRule({
  key: 'alarms.rainfall',
  description:
    '累计降雨量告警（滑动窗口内降雨量之和，达到或超过阈值即告警，单位 mm）。默认：1 小时 ≥20 蓝（短时强降水，未核实）、≥50 橙' +
    '（种子 001“每小时50毫米以上降雨”）；暴雨预警信号（中国气象局令第16号附件，未核实）12 小时 ≥50 蓝、6 小时 ≥50 黄、3 小时 ≥50 橙、' +
    '3 小时 ≥100 红；24 小时 ≥50 蓝、≥100 黄、≥250 橙（GB/T 28592-2012 降水量等级，未核实）。回差 5 mm。byKind 可按站点类型整体替换。',
  schema: family(zRainfallConfig),
  default: {
    default: {
      enabled: true,
      windows: [
        { hours: 1, thresholds: { blue: 20, yellow: null, orange: 50, red: null } },
        { hours: 3, thresholds: { blue: null, yellow: null, orange: 50, red: 100 } },
        { hours: 6, thresholds: { blue: null, yellow: 50, orange: null, red: null } },
        { hours: 12, thresholds: { blue: 50, yellow: null, orange: null, red: null } },
        { hours: 24, thresholds: { blue: 50, yellow: 100, orange: 250, red: null } },
      ],
      hysteresis: 5,
    },
    byKind: {},
  },
});

/**
 * 水情预警信号 (水利部) [V, domain-rules B.3]: 蓝 接近警戒水位, 黄 达到或超过警戒水位, 橙 达到或超过保证水位, 红 达到或超过
 * 历史最高水位. The three levels are the station's own (register); "接近" is not quantified by the source, so blue starts
 * `approachMargin` = 0.5 m below 警戒 [unverified: a choice]. Hysteresis 0.1 m [unverified: a choice].
 */
export const WATER_LEVEL_RULE = defineRule({
  key: 'alarms.water_level',
  description:
    '水位告警（水利部水情预警信号）：接近警戒水位（低于警戒水位 approachMargin 米以内）蓝，达到或超过警戒水位黄、保证水位橙、' +
    '历史最高水位红；三个特征水位取自站点档案。approachMargin 默认 0.5 m、回差 0.1 m（未核实，县可调整）。',
  schema: family(zWaterLevelConfig),
  default: { default: { enabled: true, approachMargin: 0.5, hysteresis: 0.1 }, byKind: {} },
});

/**
 * 地质灾害 displacement rate (mm/day over the last 24 h). No national numeric criterion was retrieved: the defaults
 * are [unverified] starting points in the range used by 普适型 monitoring practice; each 隐患点 should get its own
 * values from its monitoring design (per-station override).
 */
export const DISPLACEMENT_RATE_RULE = defineRule({
  key: 'alarms.displacement_rate',
  description:
    '地质灾害位移速率告警（mm/天，取最近 windowHours 小时内首末读数之差折算，读数跨度须 ≥ minSpanHours）。默认阈值 蓝 2、黄 5、' +
    '橙 10、红 20 mm/天（未核实，应按隐患点监测设计逐点设置）。',
  schema: family(zRateConfig),
  default: {
    default: {
      enabled: true,
      windowHours: 24,
      minSpanHours: 6,
      thresholds: { blue: 2, yellow: 5, orange: 10, red: 20 },
      hysteresis: 1,
    },
    byKind: {},
  },
});

export const CRACK_RATE_RULE = defineRule({
  key: 'alarms.crack_rate',
  description:
    '地质灾害裂缝宽度变化速率告警（mm/天，算法同位移速率）。默认阈值 蓝 1、黄 2、橙 5、红 10 mm/天（未核实，应逐点设置）。',
  schema: family(zRateConfig),
  default: {
    default: {
      enabled: true,
      windowHours: 24,
      minSpanHours: 6,
      thresholds: { blue: 1, yellow: 2, orange: 5, red: 10 },
      hysteresis: 0.5,
    },
    byKind: {},
  },
});

/**
 * 可燃气体 %LEL: GB/T 50493-2019《石油化工可燃气体和有毒气体检测报警设计标准》 一级报警设定值 ≤ 25 %LEL, 二级报警设定值
 * ≤ 50 %LEL [unverified: from memory, text not retrieved] → 一级 orange, 二级 red.
 */
export const GAS_LEL_RULE = defineRule({
  key: 'alarms.gas_lel',
  description: '可燃气体浓度告警（%LEL）：一级报警 25 %LEL 橙、二级报警 50 %LEL 红（GB/T 50493-2019，未核实）；回差 5 %LEL。',
  schema: family(zLimitConfig),
  default: {
    default: { enabled: true, thresholds: { blue: null, yellow: null, orange: 25, red: 50 }, hysteresis: 5 },
    byKind: {},
  },
});

/**
 * 有毒气体 ppm: GB/T 50493-2019 sets 一级 ≤ 100 % OEL and 二级 ≤ 200 % OEL [unverified]; the OEL depends on the gas,
 * so there is no county-wide default: each station's thresholds are set per station (no alarm until then).
 */
export const TOXIC_GAS_RULE = defineRule({
  key: 'alarms.toxic_gas',
  description: '有毒气体浓度告警（ppm）：阈值取决于气体种类（一级 ≤100% OEL、二级 ≤200% OEL，未核实），须逐站设置，默认不告警。',
  schema: family(zLimitConfig),
  default: { default: { enabled: true, thresholds: none, hysteresis: 0 }, byKind: {} },
});

export const LIQUID_LEVEL_RULE = defineRule({
  key: 'alarms.liquid_level',
  description: '储罐液位告警（m）：高液位报警值取决于储罐设计，须逐站设置，默认不告警。',
  schema: family(zLimitConfig),
  default: { default: { enabled: true, thresholds: none, hysteresis: 0 }, byKind: {} },
});

export const TANK_TEMPERATURE_RULE = defineRule({
  key: 'alarms.tank_temperature',
  description: '危化品储存温度告警（℃）：报警值取决于介质与工艺，须逐站设置，默认不告警。',
  schema: family(zLimitConfig),
  default: { default: { enabled: true, thresholds: none, hysteresis: 0 }, byKind: {} },
});

export const PRESSURE_RULE = defineRule({
  key: 'alarms.pressure',
  description: '危化品储存压力告警（MPa）：报警值取决于设备设计压力，须逐站设置，默认不告警。',
  schema: family(zLimitConfig),
  default: { default: { enabled: true, thresholds: none, hysteresis: 0 }, byKind: {} },
});

/**
 * 森林火险等级 1–5 (method: fire-danger.ts and docs/monitoring-rules.md). Factor tables from the LY/T 1172-95 method as
 * tabulated by 吕巍伟 et al. 2020 (林业世界, DOI 10.12677/wjf.2020.93016) [V-2nd, domain-rules B.6]; grade cut-points
 * LY/T 1172-95 (≤25 一级, 26–50 二级, 51–72 三级, 73–90 四级, ≥91 五级) [V-2nd]. To be replaced by GB/T 36743-2018
 * once its text is obtained. Hysteresis 2 index points [unverified: a choice].
 */
export const FIRE_DANGER_RULE = defineRule({
  key: 'alarms.fire_danger',
  description:
    '森林火险等级（LY/T 1172-95 方法，因子表引自吕巍伟等 2020，二手来源）：指数 = 最高气温分 + 最小相对湿度分 + 连续无降水日数分 + ' +
    '最大风速分 − 当日降水订正分；指数 ≥26/51/73/91 为二/三/四/五级；三、四、五级分别告警黄、橙、红。待取得 GB/T 36743-2018 正文后替换。',
  schema: family(zFireDangerConfig),
  default: {
    default: {
      enabled: true,
      noRainMaxMm: 0.1,
      // A 日最高气温 ℃: ≤5.0→0; 5.1–10.0→4; 10.1–15.0→8; 15.1–20.0→12; 20.1–25.0→16; ≥25.1→20 (values in 0.1 ℃).
      temperature: [
        { from: -100, points: 0 },
        { from: 5.1, points: 4 },
        { from: 10.1, points: 8 },
        { from: 15.1, points: 12 },
        { from: 20.1, points: 16 },
        { from: 25.1, points: 20 },
      ],
      // B 相对湿度 %: ≤24→20; 25–34→16; 35–44→12; 45–54→8; 55–64→4; ≥65→0.
      humidity: [
        { from: 0, points: 20 },
        { from: 25, points: 16 },
        { from: 35, points: 12 },
        { from: 45, points: 8 },
        { from: 55, points: 4 },
        { from: 65, points: 0 },
      ],
      // C 连续无降水日数: 当天有雨→0; 1→5; 2→10; … ≥10→50.
      noRainDays: Array.from({ length: 11 }, (_, days) => ({ from: days, points: days * 5 })),
      // D 风力 (level from 10 m wind m/s per table E: 1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2): ≤1级→5; 2→10; … ≥8→40.
      wind: [
        { from: 0, points: 5 },
        { from: 1.6, points: 10 },
        { from: 3.4, points: 15 },
        { from: 5.5, points: 20 },
        { from: 8.0, points: 25 },
        { from: 10.8, points: 30 },
        { from: 13.9, points: 35 },
        { from: 17.2, points: 40 },
      ],
      // F 当日降水量 mm (rain correction, subtracted): 0.1–9.9→25; 10.0–16.9→30; 17.0–24.9→35; 25.0–37.9→40;
      // 38.0–74.9→45; ≥75→50.
      rainCorrection: [
        { from: 0, points: 0 },
        { from: 0.1, points: 25 },
        { from: 10, points: 30 },
        { from: 17, points: 35 },
        { from: 25, points: 40 },
        { from: 38, points: 45 },
        { from: 75, points: 50 },
      ],
      cutPoints: [26, 51, 73, 91],
      hysteresis: 2,
    },
    byKind: {},
  },
});

/** Each alarm rule's county-wide definition. */
export const RULE_DEFINITIONS = {
  rainfall: RAINFALL_RULE,
  water_level: WATER_LEVEL_RULE,
  displacement_rate: DISPLACEMENT_RATE_RULE,
  crack_rate: CRACK_RATE_RULE,
  gas_lel: GAS_LEL_RULE,
  toxic_gas: TOXIC_GAS_RULE,
  liquid_level: LIQUID_LEVEL_RULE,
  tank_temperature: TANK_TEMPERATURE_RULE,
  pressure: PRESSURE_RULE,
  fire_danger: FIRE_DANGER_RULE,
} as const satisfies Record<AlarmRule, RuleDefinition>;
