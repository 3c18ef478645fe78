import type { LocatedKind } from '@yingji/contracts/located.ts';
import type { NearbyFilter } from '@yingji/contracts/nearby.ts';
// Team and expert vocabularies belong to the rescue register; the search offers the same choices.
import { DUTY_STATE_OPTIONS, EXPERT_FIELD_OPTIONS, TEAM_TYPE_OPTIONS } from '../rescue/labels.ts';
import { AutoComplete, Checkbox, Input, InputNumber, Select, Space, Typography } from 'antd';

export type FilterValues = NearbyFilter;

const label = (text: string) => (
  <Typography.Text style={{ fontSize: 12, whiteSpace: 'nowrap' }} type="secondary">
    {text}
  </Typography.Text>
);

/** The conditions that apply to the chosen kind (the server refuses a condition for another kind). */
export function NearbyFilters({
  kind,
  value,
  onChange,
}: {
  kind: LocatedKind;
  value: FilterValues;
  onChange(next: FilterValues): void;
}) {
  const set = (patch: Partial<FilterValues>) => {
    const next = { ...value, ...patch };
    for (const key of Object.keys(next) as (keyof FilterValues)[]) {
      if (next[key] === undefined || next[key] === null || next[key] === '' || next[key] === false) delete next[key];
    }
    onChange(next);
  };
  switch (kind) {
    case 'warehouse':
      return (
        <Space wrap size={6} data-testid="nearby-filters">
          {label('物资品目')}
          <Input
            size="small"
            style={{ width: 120 }}
            placeholder="品目编号"
            value={value.supplyKindId ?? ''}
            onChange={(e) =>
              set({ supplyKindId: e.target.value.trim() || undefined, ...(!e.target.value.trim() && { minQuantity: undefined }) })
            }
          />
          {label('至少')}
          <InputNumber
            size="small"
            min={0}
            style={{ width: 80 }}
            disabled={!value.supplyKindId}
            value={value.minQuantity ?? null}
            onChange={(v) => set({ minQuantity: v ?? undefined })}
          />
        </Space>
      );
    case 'shelter':
      return (
        <Space wrap size={6} data-testid="nearby-filters">
          {label('空余容量至少')}
          <InputNumber
            size="small"
            min={0}
            style={{ width: 90 }}
            value={value.minFreeCapacity ?? null}
            onChange={(v) => set({ minFreeCapacity: v ?? undefined })}
          />
          {label('人')}
          <Checkbox checked={value.openOnly === true} onChange={(e) => set({ openOnly: e.target.checked })}>
            只看已开放
          </Checkbox>
        </Space>
      );
    case 'expert':
      return (
        <Space wrap size={6} data-testid="nearby-filters">
          {label('专业领域')}
          <AutoComplete
            size="small"
            style={{ width: 160 }}
            options={EXPERT_FIELD_OPTIONS}
            placeholder="如 防汛抗旱"
            value={value.field ?? ''}
            onChange={(v: string) => set({ field: v.trim() || undefined })}
          />
          <Checkbox checked={value.availableOnly === true} onChange={(e) => set({ availableOnly: e.target.checked })}>
            只看可联系的
          </Checkbox>
        </Space>
      );
    case 'team':
      return (
        <Space wrap size={6} data-testid="nearby-filters">
          {label('类型')}
          <Select
            size="small"
            allowClear
            style={{ width: 110 }}
            placeholder="全部"
            options={TEAM_TYPE_OPTIONS}
            value={value.teamType}
            onChange={(v?: string) => set({ teamType: v })}
          />
          {label('状态')}
          <Select
            size="small"
            allowClear
            style={{ width: 90 }}
            placeholder="全部"
            options={DUTY_STATE_OPTIONS}
            value={value.dutyState}
            onChange={(v?: string) => set({ dutyState: v })}
          />
        </Space>
      );
    default:
      return null;
  }
}
