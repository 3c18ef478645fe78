import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Form, Input } from 'antd';
import type { AuditFilter } from './auditApi.ts';
import { ACTION_NAMES, ENTITY_NAMES, labelled } from './auditLabels.ts';

type Instant = { toISOString(): string } | null;

interface FilterForm {
  actor?: string;
  entity?: string;
  action?: string;
  range?: [Instant, Instant] | null;
}

function toFilter(values: FilterForm): AuditFilter {
  const [from, to] = values.range ?? [null, null];
  const trimmed = (text?: string) => text?.trim() || undefined;
  return {
    actor: trimmed(values.actor),
    entity: trimmed(values.entity),
    action: trimmed(values.action),
    // The picker works in the browser's zone; toISOString turns both ends into the UTC instants the API expects.
    from: from?.toISOString(),
    to: to?.toISOString(),
  };
}

/** 操作人, 对象类型, 动作, 时间范围. The server matches names exactly, so known values are offered as suggestions. */
export function AuditFilters({ onSearch }: { onSearch(filter: AuditFilter): void }) {
  const [form] = Form.useForm<FilterForm>();
  return (
    <Form form={form} layout="inline" onFinish={(values) => onSearch(toFilter(values))} style={{ rowGap: 8, marginBottom: 12 }}>
      <Form.Item name="actor" label="操作人">
        <Input allowClear placeholder="用户名" style={{ width: 140 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="entity" label="对象类型">
        <AutoComplete allowClear options={labelled(ENTITY_NAMES)} placeholder="如 area" style={{ width: 150 }} />
      </Form.Item>
      <Form.Item name="action" label="动作">
        <AutoComplete
          allowClear
          options={labelled(ACTION_NAMES)}
          placeholder="如 area.update"
          style={{ width: 190 }}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name="range" label="时间范围">
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
          查询
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({});
          }}
        >
          重置
        </Button>
      </Form.Item>
    </Form>
  );
}
