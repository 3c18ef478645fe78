import type { Target, TargetCreate, TargetUpdate } from '@yingji/contracts/shelters.ts';
import { zPhone } from '@yingji/contracts/shelters.ts';
import { App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { TARGET_TYPE_OPTIONS } from './labels.ts';
import { createTarget, updateTarget } from './sheltersApi.ts';
import { LocationFields } from '../../map/LocationFields.tsx';

type TargetForm = Omit<TargetCreate, 'address' | 'note' | 'people'> & { address?: string; note?: string; people?: number | null };
export type TargetDialogTarget = Target | 'new' | null;

function toInput(values: TargetForm): TargetCreate {
  return {
    ...values,
    name: values.name.trim(),
    responsibleName: values.responsibleName.trim(),
    responsiblePhone: values.responsiblePhone.trim(),
    people: values.people ?? null,
    address: orNull(values.address?.trim()),
    note: orNull(values.note?.trim()),
  };
}

function changesOf(target: Target, input: TargetCreate): TargetUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof TargetCreate)[]) if (input[key] !== target[key]) changes[key] = input[key];
  if ('lon' in changes || 'lat' in changes) Object.assign(changes, { lon: input.lon, lat: input.lat });
  return changes as TargetUpdate;
}

/** 新建 / 编辑重要防护目标; its area follows from its coordinates. */
export function TargetFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: TargetDialogTarget;
  onClose(): void;
  onSaved(target: Target): void;
}) {
  const [form] = Form.useForm<TargetForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing, address: editing.address ?? '', note: editing.note ?? '' });
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = editing ? await updateTarget(editing.id, changesOf(editing, input)) : await createTarget(input);
      message.success(editing ? '防护目标已保存' : `已新建防护目标 ${saved.name}`);
      onSaved(saved);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, message: `请填写${label}` });
  return (
    <Modal
      title={editing ? `编辑防护目标 — ${editing.name}` : '新建重要防护目标'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={720}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ type: 'school' }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="名称" rules={[required('名称'), { max: 64 }]}>
              <Input data-testid="target-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="type" label="类型" rules={[required('类型')]}>
              <Select options={TARGET_TYPE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="people" label="在场人数">
              <InputNumber style={{ width: '100%' }} min={0} max={1_000_000} precision={0} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="responsibleName" label="责任人" rules={[required('责任人'), { max: 32 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="responsiblePhone" label="联系电话" rules={[required('联系电话'), zodRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="address" label="地址" rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <LocationFields />
          <Col span={24}>
            <Form.Item name="note" label="备注" rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
