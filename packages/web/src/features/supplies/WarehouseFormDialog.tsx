import type { Warehouse, WarehouseCreate, WarehouseUpdate } from '@yingji/contracts/supplies.ts';
import { zContactPhone } from '@yingji/contracts/supplies.ts';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { LEVEL_OPTIONS } from './labels.ts';
import { createWarehouse, updateWarehouse } from './suppliesApi.ts';
import { LocationFields } from '../../map/LocationFields.tsx';

type WarehouseForm = Omit<WarehouseCreate, 'address' | 'note' | 'capacityM3'> & {
  address?: string;
  note?: string;
  capacityM3?: number | null;
};

function toInput(v: WarehouseForm): WarehouseCreate {
  return {
    ...v,
    name: v.name.trim(),
    keeper: v.keeper.trim(),
    phone: v.phone.trim(),
    address: orNull(v.address?.trim()),
    note: orNull(v.note?.trim()),
    capacityM3: v.capacityM3 ?? null,
  };
}

/** Only what changed goes into the PATCH; a move sends both coordinates (the server places the warehouse again). */
function changesOf(w: Warehouse, input: WarehouseCreate): WarehouseUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof WarehouseCreate)[]) if (input[key] !== w[key]) changes[key] = input[key];
  if ('lon' in changes || 'lat' in changes) Object.assign(changes, { lon: input.lon, lat: input.lat });
  return changes as WarehouseUpdate;
}

/** 新建 / 修改仓库. The managing area follows from the tier and the position; the server checks both. */
export function WarehouseFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: Warehouse | 'new' | null;
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<WarehouseForm>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    setFailure(null);
    if (editing) form.setFieldsValue({ ...editing, address: editing.address ?? '', note: editing.note ?? '' });
  }, [target]);

  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      if (editing) await updateWarehouse(editing.id, changesOf(editing, input));
      else await createWarehouse(input);
      message.success(editing ? '仓库已修改' : '仓库已新建');
      onSaved();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={target !== null}
      title={editing ? `修改仓库：${editing.name}` : '新建仓库'}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText="保存"
      width={640}
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="warehouse-form">
        <Row gutter={12}>
          <Col span={15}>
            <Form.Item name="name" label="仓库名称" rules={[{ required: true, whitespace: true, max: 64 }]}>
              <Input data-testid="warehouse-name" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="level" label="层级" rules={[{ required: true }]} extra="县级库由县管理，乡镇库由所在乡镇管理">
              <Select options={LEVEL_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <LocationFields />
          <Col span={12}>
            <Form.Item name="capacityM3" label="库容（立方米）">
              <InputNumber min={0.1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="keeper" label="保管员" rules={[{ required: true, whitespace: true, max: 32 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label="联系电话" rules={[{ required: true }, zodRule(zContactPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="address" label="地址">
              <Input maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
