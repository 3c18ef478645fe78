import type { DutyHolder, DutyHolderCreate, DutyHolderUpdate, Shelter, Target } from '@yingji/contracts/shelters.ts';
import { zPhone } from '@yingji/contracts/shelters.ts';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { AreaTreeSelect } from '../../app/AreaTreeSelect.tsx';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { DUTY_ROLE_OPTIONS } from './labels.ts';
import { createDutyHolder, fetchShelters, fetchTargets, updateDutyHolder } from './sheltersApi.ts';
import { fetchEveryPage } from '../../app/useCappedList.ts';

interface DutyHolderForm {
  name: string;
  phone: string;
  role: DutyHolderCreate['role'];
  title?: string;
  areaCode: string;
  /** One select for the optional link: `shelter:<id>` or `target:<id>`. */
  link?: string;
  note?: string;
}
export type DutyHolderDialogTarget = DutyHolder | 'new' | null;

function toInput(values: DutyHolderForm): DutyHolderCreate {
  const [kind, id] = values.link ? values.link.split(':') : [];
  return {
    name: values.name.trim(),
    phone: values.phone.trim(),
    role: values.role,
    title: orNull(values.title?.trim()),
    areaCode: values.areaCode,
    shelterId: kind === 'shelter' ? id! : null,
    targetId: kind === 'target' ? id! : null,
    note: orNull(values.note?.trim()),
  };
}

/** 新建 / 编辑责任人: the township or village they answer for, and optionally one shelter or target in it. */
export function DutyHolderFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: DutyHolderDialogTarget;
  onClose(): void;
  onSaved(holder: DutyHolder): void;
}) {
  const [form] = Form.useForm<DutyHolderForm>();
  const [saving, setSaving] = useState(false);
  const [shelters, setShelters] = useState<Shelter[]>([]);
  const [targets, setTargets] = useState<Target[]>([]);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;
  const areaCode = Form.useWatch('areaCode', form);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) {
      const link = editing.shelterId
        ? `shelter:${editing.shelterId}`
        : editing.targetId
          ? `target:${editing.targetId}`
          : undefined;
      form.setFieldsValue({ ...editing, title: editing.title ?? '', note: editing.note ?? '', link });
    }
  }, [target, editing, form]);

  // What can be linked: the shelters and targets inside the chosen area (the server checks the same).
  useEffect(() => {
    if (!areaCode) return;
    const controller = new AbortController();
    Promise.all([
      fetchEveryPage((limit, offset) => fetchShelters({ areaCode }, limit, offset, controller.signal)),
      fetchEveryPage((limit, offset) => fetchTargets({ areaCode }, limit, offset, controller.signal)),
    ])
      .then(([s, t]) => (setShelters(s), setTargets(t)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [areaCode]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = editing
        ? await updateDutyHolder(editing.id, input satisfies DutyHolderUpdate)
        : await createDutyHolder(input);
      message.success(editing ? '责任人已保存' : `已新增责任人 ${saved.name}`);
      onSaved(saved);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, message: `请填写${label}` });
  const linkOptions = [
    { label: '避难场所', options: shelters.map((s) => ({ value: `shelter:${s.id}`, label: s.name })) },
    { label: '防护目标', options: targets.map((t) => ({ value: `target:${t.id}`, label: t.name })) },
  ];
  return (
    <Modal
      title={editing ? `编辑责任人 — ${editing.name}` : '新增责任人'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={680}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ role: 'sanfang' }}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="name" label="姓名" rules={[required('姓名'), { max: 32 }]}>
              <Input data-testid="holder-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label="联系电话" rules={[required('联系电话'), zodRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="role" label="责任类型" rules={[required('责任类型')]}>
              <Select options={DUTY_ROLE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="areaCode"
              label="负责区划（乡镇或村）"
              rules={[required('负责区划'), { pattern: /^(\d{9}|\d{12})$/, message: '请选择乡镇或村（社区）' }]}
            >
              <AreaTreeSelect style={{ width: '100%' }} valueLabel={editing?.areaCode} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="title" label="职务" rules={[{ max: 64 }]}>
              <Input placeholder="如 村委会主任" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="link" label="包保对象（可选）">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={linkOptions}
                placeholder="选择该区划内的避难场所或防护目标"
              />
            </Form.Item>
          </Col>
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
