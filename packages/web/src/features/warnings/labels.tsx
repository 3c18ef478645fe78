import { ALARM_LEVEL_LABELS } from '@yingji/contracts/monitoring.ts';
import {
  CHANNEL_NAMES,
  DELIVERY_STATE_NAMES,
  HAZARD_NAMES,
  HAZARDS,
  WARNING_LEVEL_NAMES,
  WARNING_LEVELS,
  WARNING_STATE_NAMES,
  type Channel,
  type DeliveryState,
  type Hazard,
  type WarningLevel,
  type WarningState,
} from '@yingji/contracts/warnings.ts';
import { Tag } from 'antd';
import { LEVEL_COLORS, LEVEL_TEXT_COLORS, LEVEL_TINTS } from '../monitoring/labels.ts';

/** 0.973 → "97.3%"; nobody registered → "—". */
export { percent } from '../shelters/labels.ts';

/** Warning levels share the alarm colours (蓝/黄/橙/红 of the warning-signal scale). */
export { LEVEL_COLORS, LEVEL_TEXT_COLORS, LEVEL_TINTS };

/** Highest first, as officers read them: 一级（红色）… 四级（蓝色）. */
export const LEVELS_HIGH_FIRST: WarningLevel[] = [...WARNING_LEVELS].reverse();
export const LEVEL_OPTIONS = LEVELS_HIGH_FIRST.map((value) => ({ value, label: WARNING_LEVEL_NAMES[value] }));
export const HAZARD_OPTIONS = HAZARDS.map((value) => ({ value, label: HAZARD_NAMES[value] }));
export const STATE_OPTIONS = (Object.keys(WARNING_STATE_NAMES) as WarningState[]).map((value) => ({
  value,
  label: WARNING_STATE_NAMES[value],
}));
export const DELIVERY_STATE_OPTIONS = (Object.keys(DELIVERY_STATE_NAMES) as DeliveryState[]).map((value) => ({
  value,
  label: DELIVERY_STATE_NAMES[value],
}));
export const CHANNEL_OPTIONS = (Object.keys(CHANNEL_NAMES) as Channel[]).map((value) => ({ value, label: CHANNEL_NAMES[value] }));

/** "暴雨橙色预警", the name every message leads with. */
export function warningTitle(hazard: Hazard, level: WarningLevel): string {
  return `${HAZARD_NAMES[hazard]}${ALARM_LEVEL_LABELS[level]}预警`;
}

/** 二级（橙色） on its own colour, the way warning signals are printed. */
export function WarningLevelTag({ level, testId }: { level: WarningLevel; testId?: string }) {
  return (
    <Tag
      style={{ background: LEVEL_COLORS[level], color: LEVEL_TEXT_COLORS[level], borderColor: LEVEL_COLORS[level] }}
      data-testid={testId}
      data-level={level}
    >
      {WARNING_LEVEL_NAMES[level]}
    </Tag>
  );
}

const STATE_COLORS: Record<WarningState, string> = {
  draft: 'default',
  reviewing: 'processing',
  approved: 'purple',
  published: 'red',
  superseded: 'default',
  cancelled: 'green',
  expired: 'default',
};

export function WarningStateTag({ state }: { state: WarningState }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid="warning-state" data-state={state}>
      {WARNING_STATE_NAMES[state]}
    </Tag>
  );
}

const DELIVERY_COLORS: Record<DeliveryState, string> = {
  queued: 'gold',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  read: 'cyan',
  failed: 'red',
};

export function DeliveryStateTag({ state }: { state: DeliveryState }) {
  return (
    <Tag color={DELIVERY_COLORS[state]} data-state={state}>
      {DELIVERY_STATE_NAMES[state]}
    </Tag>
  );
}
