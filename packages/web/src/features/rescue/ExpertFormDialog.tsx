import type { Expert, ExpertCreate, ExpertField, ExpertUpdate } from '@yingji/contracts/rescue.ts';
import { zPhone } from '@yingji/contracts/rescue.ts';
import { App, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { EXPERT_FIELD_OPTIONS } from './labels.ts';
import { createExpert, updateExpert } from './rescueApi.ts';
import { LocationFields } from '../../map/LocationFields.tsx';

interface ExpertForm {
  name: string;
  fields: ExpertField[];
  title?: string;
  organisation: string;
  phone: string;
  available: boolean;
  availabilityNote?: string;
  lon: number;
  lat: number;
  remarks?: string;
}

export type ExpertDialogTarget = Expert | 'new' | null;

/** 新增 / 编辑专家. The position is the organisation's, used by the nearby search. */
export function ExpertFormDialog({ target, onClose, onSaved }: { target: ExpertDialogTarget; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<ExpertForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        fields: editing.fields as ExpertField[],
        title: editing.title ?? '',
        availabilityNote: editing.availabilityNote ?? '',
        remarks: editing.remarks ?? '',
      });
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const input: ExpertCreate = {
      name: values.name.trim(),
      fields: values.fields,
      title: orNull(values.title?.trim()),
      organisation: values.organisation.trim(),
      phone: values.phone.trim(),
      available: values.available,
      availabilityNote: orNull(values.availabilityNote?.trim()),
      lon: values.lon,
      lat: values.lat,
      remarks: orNull(values.remarks?.trim()),
    };
    setSaving(true);
    try {
      if (editing) {
        const changes: Record<string, unknown> = {};
        for (const key of Object.keys(input) as (keyof ExpertCreate)[]) {
          if (JSON.stringify(input[key]) !== JSON.stringify(editing[key])) changes[key] = input[key];
        }
        if ('lon' in changes || 'lat' in changes) Object.assign(changes, { lon: input.lon, lat: input.lat });
        await updateExpert(editing.id, changes as ExpertUpdate);
      } else await createExpert(input);
      message.success('专家信息已保存');
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
      title={editing ? `编辑专家 — ${editing.name}` : '新增专家'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={680}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ fields: [], available: true }}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="fields"
              label="专业领域"
              rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个领域' }]}
            >
              <Select mode="multiple" options={EXPERT_FIELD_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="title" label="职称">
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="organisation"
              label="工作单位"
              rules={[{ required: true, whitespace: true, message: '请填写工作单位' }]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, zodRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="available" label="可用" valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="availabilityNote" label="可用情况说明">
              <Input placeholder="如：出差至 7 月 10 日" />
            </Form.Item>
          </Col>
          <LocationFields lonLabel="单位经度" latLabel="单位纬度" extra="WGS-84；所属区划由坐标自动确定" />
        </Row>
        <Form.Item name="remarks" label="备注">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
