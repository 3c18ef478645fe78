import { ALARM_LEVEL_LABELS, STATION_STATE_LABELS, type AlarmLevel, type StationState } from '@yingji/contracts/monitoring.ts';
import { Tag } from 'antd';
import { LEVEL_COLORS, LEVEL_TEXT_COLORS, STATE_COLORS } from './labels.ts';

/** 红色 / 橙色 … on its own colour, the way warning signals are printed. */
export function LevelTag({ level, suffix = '', testId }: { level: AlarmLevel; suffix?: string; testId?: string }) {
  return (
    <Tag
      style={{ background: LEVEL_COLORS[level], color: LEVEL_TEXT_COLORS[level], borderColor: LEVEL_COLORS[level] }}
      data-testid={testId}
      data-level={level}
    >
      {ALARM_LEVEL_LABELS[level]}
      {suffix}
    </Tag>
  );
}

export function StateTag({ state }: { state: StationState }) {
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {STATION_STATE_LABELS[state]}
    </Tag>
  );
}
