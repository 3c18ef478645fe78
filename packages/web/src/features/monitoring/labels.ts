import { ALARM_RULE_LABELS, ALARM_STATE_LABELS, type AlarmRule } from '@yingji/contracts/alarms.ts';
import {
  ALARM_LEVEL_LABELS,
  ALARM_LEVELS,
  METRIC_INFO,
  REJECT_REASON_LABELS,
  STATION_KIND_LABELS,
  STATION_STATE_LABELS,
  type AlarmLevel,
  type LatestValue,
  type Metric,
  type RejectReason,
  type StationKind,
  type StationState,
} from '@yingji/contracts/monitoring.ts';
import { formatInstant } from '../../app/format.ts';

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const KIND_OPTIONS = options(STATION_KIND_LABELS);
export const STATE_OPTIONS = options(STATION_STATE_LABELS);
export const LEVEL_OPTIONS = ALARM_LEVELS.map((value) => ({ value, label: ALARM_LEVEL_LABELS[value] }));
export const ALARM_STATE_OPTIONS = options(ALARM_STATE_LABELS);

/**
 * One colour per station state, shared by tags and the map: green reporting, grey silent, orange faulty. The exact
 * values are distinct from every other 一张图 layer so the browser test can find a station by its pixels.
 */
export const STATE_COLORS: Record<StationState, string> = { online: '#2fa84f', offline: '#9aa0a6', fault: '#d4761c' };

/** 蓝/黄/橙/红 of the warning-signal scale, for tags, banners and the ring drawn round a station on the map. */
export const LEVEL_COLORS: Record<AlarmLevel, string> = { blue: '#2b6de8', yellow: '#f5c400', orange: '#ff7a00', red: '#f5222d' };
/** Text on a level-coloured background: dark on yellow, where white would not read. */
export const LEVEL_TEXT_COLORS: Record<AlarmLevel, string> = { blue: '#fff', yellow: '#3d2e00', orange: '#fff', red: '#fff' };
/** A pale tint of each level, the background of a banner. */
export const LEVEL_TINTS: Record<AlarmLevel, string> = { blue: '#e8f0fe', yellow: '#fffbe0', orange: '#fff3e6', red: '#fff1f0' };

export const levelRank = (level: AlarmLevel): number => ALARM_LEVELS.indexOf(level);
export const higherLevel = (a: AlarmLevel | null, b: AlarmLevel): AlarmLevel => (a && levelRank(a) >= levelRank(b) ? a : b);

/** Rules come from ALARM_RULES, or from another watcher such as the offline watchdog ('offline'). */
const OTHER_RULE_LABELS: Record<string, string> = { offline: '设备离线' };
export function ruleLabel(rule: string): string {
  return ALARM_RULE_LABELS[rule as AlarmRule] ?? OTHER_RULE_LABELS[rule] ?? rule;
}

/** The unit of an alarm's value, by rule (rates are per day; fire danger is a grade). */
const RULE_UNITS: Record<string, string> = {
  rainfall: 'mm',
  water_level: 'm',
  displacement_rate: 'mm/d',
  crack_rate: 'mm/d',
  gas_lel: '%LEL',
  toxic_gas: 'ppm',
  liquid_level: 'm',
  tank_temperature: '℃',
  pressure: 'MPa',
  fire_danger: '级',
};

export function alarmValue(rule: string, value: number | null): string {
  if (value === null) return '—';
  const unit = RULE_UNITS[rule];
  return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
}

/** Up to two decimals (a centimetre of water level, a hundredth of a millimetre of rain), without trailing zeros. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

export function metricText(metric: Metric, value: number): string {
  const info = METRIC_INFO[metric];
  return `${formatNumber(value)} ${info.unit}`;
}

/** 水位 212.35 m（05-12 14:05） — a latest value as one short line. */
export function latestText(v: LatestValue): string {
  return `${METRIC_INFO[v.metric].label} ${metricText(v.metric, v.value)}（${formatInstant(v.at).slice(5, 16)}）`;
}

export function kindLabel(kind: StationKind): string {
  return STATION_KIND_LABELS[kind] ?? kind;
}

export function rejectReasonLabel(reason: string | null): string {
  if (!reason) return '—';
  return REJECT_REASON_LABELS[reason as RejectReason] ?? reason;
}
