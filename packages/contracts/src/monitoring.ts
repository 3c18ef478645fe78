import { z } from 'zod';

/**
 * 监测预警 — the vocabulary shared by ingest, rules, alarms and the web app: station kinds, the metrics each kind
 * reports, and the physical range of every metric (a reading outside it is rejected as impossible, not stored).
 */
export const STATION_KINDS = ['rain_gauge', 'water_level', 'geohazard', 'forest_fire', 'hazmat'] as const;
export const zStationKind = z.enum(STATION_KINDS);
export type StationKind = z.infer<typeof zStationKind>;

export const STATION_KIND_LABELS: Record<StationKind, string> = {
  rain_gauge: '雨量站',
  water_level: '水位站',
  geohazard: '地质灾害监测点',
  forest_fire: '森林火险综合监测站',
  hazmat: '危化品重大危险源',
};

export const METRICS = [
  'rainfall_mm',
  'water_level_m',
  'displacement_mm',
  'crack_mm',
  'air_temperature_c',
  'relative_humidity_pct',
  'wind_speed_ms',
  'gas_lel_pct',
  'toxic_gas_ppm',
  'liquid_level_m',
  'tank_temperature_c',
  'pressure_mpa',
] as const;
export const zMetric = z.enum(METRICS);
export type Metric = z.infer<typeof zMetric>;

export interface MetricInfo {
  label: string;
  unit: string;
  /** Physically possible values; anything outside is a faulty device or a malformed message. */
  min: number;
  max: number;
}

export const METRIC_INFO: Record<Metric, MetricInfo> = {
  // Rainfall is the amount since the previous reading (an increment), never negative.
  rainfall_mm: { label: '降雨量', unit: 'mm', min: 0, max: 500 },
  // Water level as elevation (m above datum); China's highest gauges sit below 5,000 m.
  water_level_m: { label: '水位', unit: 'm', min: -100, max: 6000 },
  // Cumulative displacement of a GNSS or wire gauge from its installation point.
  displacement_mm: { label: '位移', unit: 'mm', min: -100000, max: 100000 },
  crack_mm: { label: '裂缝宽度', unit: 'mm', min: 0, max: 100000 },
  air_temperature_c: { label: '气温', unit: '℃', min: -60, max: 60 },
  relative_humidity_pct: { label: '相对湿度', unit: '%', min: 0, max: 100 },
  wind_speed_ms: { label: '风速', unit: 'm/s', min: 0, max: 90 },
  gas_lel_pct: { label: '可燃气体浓度', unit: '%LEL', min: 0, max: 100 },
  toxic_gas_ppm: { label: '有毒气体浓度', unit: 'ppm', min: 0, max: 1000000 },
  liquid_level_m: { label: '液位', unit: 'm', min: 0, max: 100 },
  tank_temperature_c: { label: '温度', unit: '℃', min: -200, max: 1500 },
  pressure_mpa: { label: '压力', unit: 'MPa', min: -0.1, max: 100 },
};

/** Which metrics a station of each kind may report; a reading of another metric is rejected. */
export const KIND_METRICS: Record<StationKind, readonly Metric[]> = {
  rain_gauge: ['rainfall_mm'],
  water_level: ['water_level_m', 'rainfall_mm'],
  geohazard: ['displacement_mm', 'crack_mm', 'rainfall_mm'],
  forest_fire: ['air_temperature_c', 'relative_humidity_pct', 'wind_speed_ms', 'rainfall_mm'],
  hazmat: ['gas_lel_pct', 'toxic_gas_ppm', 'liquid_level_m', 'tank_temperature_c', 'pressure_mpa'],
};

/** Alarm levels, lowest first (水利部 水情预警信号 / 气象 colour scale). */
export const ALARM_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export const zAlarmLevel = z.enum(ALARM_LEVELS);
export type AlarmLevel = z.infer<typeof zAlarmLevel>;

export const ALARM_LEVEL_LABELS: Record<AlarmLevel, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

// ——— 监测站点 (the register) and ingest (issue E3 items 1, 2, 6, 7) ———

const zId = z.uuid('编号格式不正确');
const zLon = z.number('经度应为数字').min(-180, '经度超出范围').max(180, '经度超出范围');
const zLat = z.number('纬度应为数字').min(-90, '纬度超出范围').max(90, '纬度超出范围');
const zNote = z.string().trim().max(500, '备注最多 500 字').nullable();

/** online / offline are set by the platform (readings arriving, the offline watchdog); fault by a person. */
export const STATION_STATES = ['online', 'offline', 'fault'] as const;
export const zStationState = z.enum(STATION_STATES);
export type StationState = z.infer<typeof zStationState>;
export const STATION_STATE_LABELS: Record<StationState, string> = { online: '在线', offline: '离线', fault: '故障' };

/** 权属: a government department (水利、自然资源、林业…) or an enterprise (危化品重大危险源). */
export const zStationOwnerType = z.enum(['department', 'enterprise']);
export type StationOwnerType = z.infer<typeof zStationOwnerType>;
export const STATION_OWNER_TYPE_LABELS: Record<StationOwnerType, string> = { department: '部门', enterprise: '企业' };

/** 水位站: 警戒水位 / 保证水位 / 历史最高水位, in metres on the same datum as the readings. */
export const zWaterLevels = z
  .object({
    warning: z.number('警戒水位应为数字').nullable(),
    guaranteed: z.number('保证水位应为数字').nullable(),
    historicMax: z.number('历史最高水位应为数字').nullable(),
  })
  .strict()
  .refine((w) => w.warning === null || w.guaranteed === null || w.warning <= w.guaranteed, '警戒水位不应高于保证水位');
export type WaterLevels = z.infer<typeof zWaterLevels>;

/** Station codes go into MQTT topics and the device's configuration: letters, digits, '-' and '_'. */
export const zStationCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, '站点编码为 1–32 位字母、数字、- 或 _');

const zStationFields = z.object({
  code: zStationCode,
  name: z.string().trim().min(1, '名称不能为空').max(64, '名称最多 64 个字'),
  kind: zStationKind,
  lon: zLon,
  lat: zLat,
  ownerType: zStationOwnerType,
  ownerName: z.string().trim().min(1, '权属单位不能为空').max(64, '权属单位最多 64 个字'),
  /** 设备编号 of the sensors at the station (RTU, gauges, detectors). */
  deviceIds: z.array(z.string().trim().min(1).max(64)).max(20, '设备编号最多 20 个'),
  waterLevels: zWaterLevels.nullable(),
  note: zNote,
});

const waterLevelsOnlyForGauges = (s: { kind?: StationKind; waterLevels?: WaterLevels | null }) =>
  s.waterLevels == null || s.kind === undefined || s.kind === 'water_level';

export const zStationCreate = zStationFields
  .strict()
  .refine(waterLevelsOnlyForGauges, { message: '只有水位站可以设置警戒/保证/历史最高水位', path: ['waterLevels'] });
export type StationCreate = z.infer<typeof zStationCreate>;

/** Code and kind are fixed once devices report under them; `fault` marks or clears a device fault by hand. */
export const zStationUpdate = zStationFields
  .omit({ code: true, kind: true })
  .partial()
  .extend({ fault: z.boolean().optional() })
  .strict();
export type StationUpdate = z.infer<typeof zStationUpdate>;

export const zLatestValue = z.object({ metric: zMetric, value: z.number(), at: z.string() });
export type LatestValue = z.infer<typeof zLatestValue>;

/** Readings a station sent that were refused, by reason; kept per station (see the ingest docs). */
export const zIngestCounters = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  rateLimited: z.number().int(),
  lastRejectReason: z.string().nullable(),
  lastRejectedAt: z.string().nullable(),
});
export type IngestCounters = z.infer<typeof zIngestCounters>;

export const zStation = z.object({
  id: zId,
  code: z.string(),
  name: z.string(),
  kind: zStationKind,
  lon: z.number(),
  lat: z.number(),
  areaCode: z.string(),
  ownerType: zStationOwnerType,
  ownerName: z.string(),
  deviceIds: z.array(z.string()),
  state: zStationState,
  waterLevels: zWaterLevels.nullable(),
  note: z.string().nullable(),
  /** MQTT user name of the station (the password is shown only when issued). */
  mqttUsername: z.string(),
  lastReadingAt: z.string().nullable(),
  latest: z.array(zLatestValue),
  counters: zIngestCounters,
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Station = z.infer<typeof zStation>;

/** Issued at creation and on rotation, shown once: only their SHA-256 hashes are stored. */
export const zStationCredentials = z.object({
  stationId: zId,
  code: z.string(),
  /** HTTP: header `Authorization: Bearer <deviceToken>`. */
  deviceToken: z.string(),
  mqttUsername: z.string(),
  mqttPassword: z.string(),
});
export type StationCredentials = z.infer<typeof zStationCredentials>;

export const zStationCreated = z.object({ station: zStation, credentials: zStationCredentials });

export const zStationListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(2000).default(200),
    offset: z.coerce.number().int().min(0).default(0),
    kind: zStationKind.optional(),
    state: zStationState.optional(),
    areaCode: z
      .string()
      .regex(/^\d{6,15}$/, '行政区划代码有误')
      .optional(),
    q: z.string().trim().max(64).optional(),
  })
  .strict();
export type StationListQuery = z.infer<typeof zStationListQuery>;

/**
 * POST /api/ingest/readings, and the MQTT payload on `yingji/stations/<code>/readings`: a batch of one station's
 * readings. Each reading is checked on its own (known metric for the kind, a finite number within the metric's
 * physical range, a timestamp not too far in the future); bad ones are refused and counted, the rest stored.
 */
export const zReading = z.object({ metric: zMetric, value: z.number(), at: z.string() });
export type Reading = z.infer<typeof zReading>;
export const INGEST_MAX_BATCH = 10_000;
export const zIngestBody = z.object({ readings: z.array(z.unknown()).min(1).max(INGEST_MAX_BATCH) }).strict();

export const REJECT_REASONS = [
  'malformed',
  'unknown_metric',
  'metric_not_for_kind',
  'not_numeric',
  'out_of_range',
  'bad_timestamp',
  'future_timestamp',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];
export const REJECT_REASON_LABELS: Record<RejectReason, string> = {
  malformed: '格式错误（应为 {metric, value, at}）',
  unknown_metric: '未知的监测指标',
  metric_not_for_kind: '该类站点不报送此指标',
  not_numeric: '数值不是有限数字',
  out_of_range: '数值超出物理可能范围',
  bad_timestamp: '时间格式错误（应为 ISO 8601）',
  future_timestamp: '时间超前于服务器时间',
};

export const zIngestResult = z.object({
  /** Stored now. */
  accepted: z.number().int(),
  /** Already stored earlier (same station, metric and time): kept once. */
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), reason: z.enum(REJECT_REASONS), message: z.string() })),
});
export type IngestResult = z.infer<typeof zIngestResult>;

export const zSeriesQuery = z.object({ metric: zMetric, range: z.enum(['24h', '7d']).default('24h') }).strict();
export const zSeries = z.object({
  stationId: zId,
  metric: zMetric,
  unit: z.string(),
  /** 24 h: every raw reading; 7 d: hourly min/avg/max (sum for rainfall). */
  resolution: z.enum(['raw', 'hour']),
  points: z.array(
    z.object({
      at: z.string(),
      value: z.number(),
      min: z.number().optional(),
      max: z.number().optional(),
      sum: z.number().optional(),
    }),
  ),
});
export type Series = z.infer<typeof zSeries>;
