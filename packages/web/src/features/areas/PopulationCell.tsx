import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import type { Area } from '@yingji/contracts/areas.ts';
import { App, Button, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatPopulation } from '../../app/format.ts';
import { updateArea } from './areasApi.ts';

interface PopulationCellProps {
  area: Area;
  editable: boolean;
  onSaved(area: Area): void;
}

/** 人口, edited in place: the figure is corrected often (census, 网格员 reports) and a dialog would be overkill. */
export function PopulationCell({ area, editable, onSaved }: PopulationCellProps) {
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState<number | null>(area.population);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  if (!editing) {
    return (
      <Space size={4}>
        <span>{formatPopulation(area.population)}</span>
        {editable && (
          <Button
            type="text"
            size="small"
            icon={<EditOutlined />}
            aria-label={`编辑${area.name}人口`}
            data-testid={`edit-population-${area.code}`}
            onClick={() => {
              setValue(area.population);
              setEditing(true);
            }}
          />
        )}
      </Space>
    );
  }

  const save = async () => {
    setSaving(true);
    try {
      onSaved(await updateArea(area.code, { population: value }));
      message.success(`${area.name}人口已更新`);
      setEditing(false);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space size={4}>
      <InputNumber<number>
        size="small"
        min={0}
        max={50_000_000}
        precision={0}
        value={value}
        onChange={(next) => setValue(next)}
        onPressEnter={() => void save()}
        onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}
        autoFocus
        style={{ width: 120 }}
        data-testid={`population-input-${area.code}`}
      />
      <Button type="text" size="small" icon={<CheckOutlined />} loading={saving} onClick={() => void save()} aria-label="保存" />
      <Button type="text" size="small" icon={<CloseOutlined />} onClick={() => setEditing(false)} aria-label="取消" />
    </Space>
  );
}
