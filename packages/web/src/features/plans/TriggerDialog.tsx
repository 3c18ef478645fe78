import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { PlanHazard } from '@yingji/contracts/plans.ts';
import { PLAN_HAZARD_NAMES } from '@yingji/contracts/plans.ts';
import { TRIGGER_METRIC_UNITS, zTrigger, type Bound, type Threshold, type Trigger } from '@yingji/contracts/plans-digital.ts';
import type { AlarmLevel } from '@yingji/contracts/monitoring.ts';
import {
  Alert,
  Button,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Switch,
  Typography,
  type ButtonProps,
} from 'antd';
import { useEffect, useState } from 'react';
import { ALARM_LEVEL_OPTIONS, METRIC_OPTIONS } from './labels.ts';

const EMPTY: Trigger = { hazards: [], warningLevel: null, thresholds: [], description: '' };

/** One end of a range: the number and 含本数 (以上/以下) or not (超过/不足); empty = open. */
function BoundInput({ bound, onChange, label }: { bound: Bound | null; onChange(b: Bound | null): void; label: string }) {
  // "3 人以上 10 人以下" = [3, 10): a lower bound includes its number, an upper one does not, until ticked otherwise.
  const defaultInclusive = label === '下限';
  return (
    <Space size={4}>
      <InputNumber
        placeholder={label}
        min={0}
        value={bound?.value ?? null}
        onChange={(v) => onChange(v === null ? null : { value: v, inclusive: bound?.inclusive ?? defaultInclusive })}
        style={{ width: 110 }}
        data-testid={`bound-${label === '下限' ? 'min' : 'max'}`}
      />
      <Checkbox
        checked={bound?.inclusive ?? false}
        disabled={bound === null}
        onChange={(e) => bound && onChange({ ...bound, inclusive: e.target.checked })}
      >
        含
      </Checkbox>
    </Space>
  );
}

function ThresholdRow({ t, onChange, onRemove }: { t: Threshold; onChange(t: Threshold): void; onRemove(): void }) {
  return (
    <Space wrap align="center" style={{ marginBottom: 8 }} data-testid="threshold-row">
      <Select
        style={{ width: 200 }}
        value={t.metric}
        options={METRIC_OPTIONS}
        onChange={(metric) => onChange({ ...t, metric })}
        data-testid="threshold-metric"
      />
      <BoundInput label="下限" bound={t.min} onChange={(min) => onChange({ ...t, min })} />
      <Typography.Text type="secondary">至</Typography.Text>
      <BoundInput label="上限" bound={t.max} onChange={(max) => onChange({ ...t, max })} />
      <Typography.Text type="secondary">{TRIGGER_METRIC_UNITS[t.metric]}</Typography.Text>
      <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label="删除阈值" />
    </Space>
  );
}

/**
 * 编辑启动条件: every condition must hold (且); a level starts when any of its triggers holds. A range reads
 * "下限 含 … 上限 不含" = [min, max), the way plans word "3 人以上 10 人以下".
 */
export function TriggerDialog({
  trigger,
  hazards,
  onClose,
  onSave,
}: {
  /** The trigger to edit, 'new', or null when closed. */
  trigger: Trigger | 'new' | null;
  /** The plan's hazards (a trigger may narrow to some of them). */
  hazards: PlanHazard[];
  onClose(): void;
  onSave(t: Trigger): void;
}) {
  const [draft, setDraft] = useState<Trigger>(EMPTY);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (trigger === null) return;
    setDraft(trigger === 'new' ? EMPTY : trigger);
    setError(null);
  }, [trigger]);

  const set = (patch: Partial<Trigger>) => setDraft((d) => ({ ...d, ...patch }));
  const setThreshold = (i: number, t: Threshold | null) =>
    set({
      thresholds: t === null ? draft.thresholds.filter((_x, j) => j !== i) : draft.thresholds.map((x, j) => (j === i ? t : x)),
    });
  const setWarning = (end: 'from' | 'to', level: AlarmLevel) => {
    const current = draft.warningLevel ?? { from: level, to: level };
    set({ warningLevel: { ...current, [end]: level } });
  };
  const save = () => {
    const parsed = zTrigger.safeParse(draft);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join('；'));
    onSave(parsed.data);
    onClose();
  };

  return (
    <Modal
      open={trigger !== null}
      title={trigger === 'new' ? '添加启动条件' : '编辑启动条件'}
      onCancel={onClose}
      onOk={save}
      okText="确定"
      width={760}
      okButtonProps={{ 'data-testid': 'trigger-ok' } as ButtonProps}
    >
      <Form layout="vertical">
        <Form.Item label="适用灾种" extra="不选：适用于本预案的全部灾种">
          <Select
            mode="multiple"
            allowClear
            value={draft.hazards}
            onChange={(v: PlanHazard[]) => set({ hazards: v })}
            options={hazards.map((h) => ({ value: h, label: PLAN_HAZARD_NAMES[h] }))}
          />
        </Form.Item>
        <Form.Item label="预警级别">
          <Space wrap>
            <Switch
              checked={draft.warningLevel !== null}
              onChange={(on) => set({ warningLevel: on ? { from: 'blue', to: 'blue' } : null })}
              checkedChildren="有"
              unCheckedChildren="无"
            />
            {draft.warningLevel && (
              <>
                <Select
                  style={{ width: 90 }}
                  value={draft.warningLevel.from}
                  options={ALARM_LEVEL_OPTIONS}
                  onChange={(v) => setWarning('from', v)}
                />
                <Typography.Text type="secondary">至</Typography.Text>
                <Select
                  style={{ width: 90 }}
                  value={draft.warningLevel.to}
                  options={ALARM_LEVEL_OPTIONS}
                  onChange={(v) => setWarning('to', v)}
                />
              </>
            )}
          </Space>
        </Form.Item>
        <Form.Item label="数量阈值（同时满足）">
          {draft.thresholds.map((t, i) => (
            <ThresholdRow key={i} t={t} onChange={(next) => setThreshold(i, next)} onRemove={() => setThreshold(i, null)} />
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() =>
              set({ thresholds: [...draft.thresholds, { metric: 'deaths', min: { value: 1, inclusive: true }, max: null }] })
            }
            data-testid="threshold-add"
          >
            添加阈值
          </Button>
        </Form.Item>
        <Form.Item label="文字表述（预案原文）" required>
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
            data-testid="trigger-description"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
