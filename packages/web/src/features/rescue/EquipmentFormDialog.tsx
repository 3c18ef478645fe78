import type {
  Equipment,
  EquipmentCreate,
  EquipmentOwnerType,
  EquipmentState,
  EquipmentUpdate,
  Team,
} from '@yingji/contracts/rescue.ts';
import { App, AutoComplete, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated } from '../../app/formRules.ts';
import { EQUIPMENT_KIND_SUGGESTIONS, EQUIPMENT_STATE_OPTIONS } from './labels.ts';
import { createEquipment, fetchTeams, updateEquipment } from './rescueApi.ts';
import { fetchEveryPage } from '../../app/useCappedList.ts';

interface EquipmentForm {
  kind: string;
  model?: string;
  quantity: number;
  unit: string;
  ownerType: EquipmentOwnerType;
  ownerId: string;
  state: EquipmentState;
  maintenanceDue?: Dayjs | null;
  lastMaintained?: Dayjs | null;
  remarks?: string;
}

export type EquipmentDialogTarget = Equipment | 'new' | null;

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 登记 / 编辑装备: held by a team of the current scope, or by a warehouse (by its number, from 应急物资). */
export function EquipmentFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: EquipmentDialogTarget;
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<EquipmentForm>();
  const [saving, setSaving] = useState(false);
  const [teams, setTeams] = useState<Team[]>([]);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;
  const ownerType = Form.useWatch('ownerType', form);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        model: editing.model ?? '',
        remarks: editing.remarks ?? '',
        maintenanceDue: editing.maintenanceDue ? dayjs(editing.maintenanceDue) : null,
        lastMaintained: editing.lastMaintained ? dayjs(editing.lastMaintained) : null,
      });
    fetchEveryPage((limit, offset) => fetchTeams({}, limit, offset))
      .then(setTeams)
      .catch(() => setTeams([]));
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const input: EquipmentCreate = {
      kind: values.kind.trim(),
      model: orNull(values.model?.trim()),
      quantity: values.quantity,
      unit: values.unit.trim(),
      ownerType: values.ownerType,
      ownerId: values.ownerId.trim(),
      state: values.state,
      maintenanceDue: day(values.maintenanceDue),
      lastMaintained: day(values.lastMaintained),
      remarks: orNull(values.remarks?.trim()),
    };
    setSaving(true);
    try {
      if (editing) {
        const changes: Record<string, unknown> = {};
        for (const key of Object.keys(input) as (keyof EquipmentCreate)[])
          if (input[key] !== editing[key]) changes[key] = input[key];
        if ('ownerType' in changes || 'ownerId' in changes)
          Object.assign(changes, { ownerType: input.ownerType, ownerId: input.ownerId });
        await updateEquipment(editing.id, changes as EquipmentUpdate);
      } else await createEquipment(input);
      message.success('装备已保存');
      onSaved();
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑装备 — ${editing.kind}` : '登记装备'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={680}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ unit: '台', ownerType: 'team', state: 'good', quantity: 1 }}
      >
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="kind" label="装备种类" rules={[{ required: true, whitespace: true, message: '请填写装备种类' }]}>
              <AutoComplete options={EQUIPMENT_KIND_SUGGESTIONS} filterOption />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="model" label="型号">
              <Input />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="quantity" label="数量" rules={[{ required: true, message: '请填写数量' }]}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="unit" label="单位" rules={[{ required: true, message: '单位' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="ownerType" label="归属">
              <Select
                options={[
                  { value: 'team', label: '救援队伍' },
                  { value: 'warehouse', label: '物资仓库' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={18}>
            {ownerType === 'warehouse' ? (
              <Form.Item name="ownerId" label="仓库编号" rules={[{ required: true, message: '请填写仓库编号' }]}>
                <Input placeholder="应急物资 → 仓库中的编号" />
              </Form.Item>
            ) : (
              <Form.Item name="ownerId" label="所属队伍" rules={[{ required: true, message: '请选择队伍' }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={teams.map((t) => ({ value: t.id, label: t.name }))} />
              </Form.Item>
            )}
          </Col>
          <Col span={6}>
            <Form.Item name="state" label="状态">
              <Select options={EQUIPMENT_STATE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="lastMaintained" label="上次维护">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="maintenanceDue" label="下次维护到期">
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="remarks" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
