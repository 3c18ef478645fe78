import { PLAN_STATE_NAMES, REVISION_STATUS_NAMES, type PlanState, type RevisionOverview } from '@yingji/contracts/plans.ts';
import type { ResponseLevel } from '@yingji/contracts/plans-digital.ts';
import {
  DRILL_DUE_STATUS_NAMES,
  DRILL_STATE_NAMES,
  type DrillDueStatus,
  type DrillState,
} from '@yingji/contracts/plans-drills.ts';
import { Tag, Tooltip } from 'antd';
import {
  DRILL_DUE_COLORS,
  DRILL_STATE_COLORS,
  LEVEL_COLORS,
  LEVEL_NUMERALS,
  REVISION_STATUS_COLORS,
  STATE_COLORS,
} from './labels.ts';

/** One plan of the revision overview (GET /api/plans/revision-overview). */
export type RevisionEntry = RevisionOverview['departments'][number]['plans'][number];

export function PlanStateTag({ state }: { state: PlanState }) {
  return (
    <Tag color={STATE_COLORS[state]} data-state={state}>
      {PLAN_STATE_NAMES[state]}
    </Tag>
  );
}

/** 已超期未修订 (N 天) / 已标记需修订 / 即将到期, with the reason of a flag on hover; nothing for plans in order. */
export function RevisionTag({ entry, showOk = false }: { entry: RevisionEntry | undefined; showOk?: boolean }) {
  if (!entry || (entry.status === 'ok' && !showOk)) return null;
  const days =
    entry.overdueDays === null
      ? ''
      : entry.overdueDays > 0
        ? `（超期 ${entry.overdueDays} 天）`
        : entry.status === 'due_soon'
          ? `（还剩 ${-entry.overdueDays} 天）`
          : '';
  const tag = (
    <Tag color={REVISION_STATUS_COLORS[entry.status]} data-testid="revision-status" data-status={entry.status}>
      {REVISION_STATUS_NAMES[entry.status]}
      {days}
    </Tag>
  );
  return entry.flagged ? <Tooltip title={`需修订：${entry.flagged.reason}`}>{tag}</Tooltip> : tag;
}

export function LevelTag({ level }: { level: ResponseLevel }) {
  return <Tag color={LEVEL_COLORS[level]}>{LEVEL_NUMERALS[level]}</Tag>;
}

export function DrillStateTag({ state }: { state: DrillState }) {
  return <Tag color={DRILL_STATE_COLORS[state]}>{DRILL_STATE_NAMES[state]}</Tag>;
}

export function DrillDueTag({ status, overdueDays }: { status: DrillDueStatus; overdueDays: number }) {
  return (
    <Tag color={DRILL_DUE_COLORS[status]} data-status={status}>
      {DRILL_DUE_STATUS_NAMES[status]}
      {status === 'overdue' && `（${overdueDays} 天）`}
    </Tag>
  );
}
