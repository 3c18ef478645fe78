import type { Shelter, ShelterCreate, ShelterGrade, ShelterUpdate } from '@yingji/contracts/shelters.ts';
import { zPhone } from '@yingji/contracts/shelters.ts';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { FACILITY_OPTIONS, SHELTER_GRADE_OPTIONS, SHELTER_TYPE_OPTIONS } from './labels.ts';
import { createShelter, fetchRule, updateShelter } from './sheltersApi.ts';
import { LocationFields } from '../../map/LocationFields.tsx';

type ShelterForm = Omit<ShelterCreate, 'address' | 'note'> & { address?: string; note?: string };
export type ShelterDialogTarget = Shelter | 'new' | null;
type Norms = Record<ShelterGrade, number>;

function toInput(values: ShelterForm): ShelterCreate {
  return {
    ...values,
    name: values.name.trim(),
    managerName: values.managerName.trim(),
    managerPhone: values.managerPhone.trim(),
    facilities: values.facilities ?? [],
    address: orNull(values.address?.trim()),
    note: orNull(values.note?.trim()),
  };
}

/** Only what changed goes into the PATCH; a move sends both coordinates (the server re-locates the shelter). */
function changesOf(shelter: Shelter, input: ShelterCreate): ShelterUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof ShelterCreate)[]) {
    if (JSON.stringify(input[key]) !== JSON.stringify(shelter[key])) changes[key] = input[key];
  }
  if ('lon' in changes || 'lat' in changes) Object.assign(changes, { lon: input.lon, lat: input.lat });
  return changes as ShelterUpdate;
}

/** 新建 / 编辑避难场所. Capacity is never typed in: it follows from the usable area and the norm in force. */
export function ShelterFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: ShelterDialogTarget;
  onClose(): void;
  onSaved(shelter: Shelter): void;
}) {
  const [form] = Form.useForm<ShelterForm>();
  const [saving, setSaving] = useState(false);
  const [norms, setNorms] = useState<Norms | null>(null);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;
  const area = Form.useWatch('usableArea', form);
  const grade = Form.useWatch('grade', form);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing, address: editing.address ?? '', note: editing.note ?? '' });
    fetchRule<Norms>('shelters.area_per_person')
      .then(setNorms)
      .catch(() => setNorms(null));
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = editing ? await updateShelter(editing.id, changesOf(editing, input)) : await createShelter(input);
      message.success(editing ? '避难场所已保存' : `已新建避难场所 ${saved.name}`);
      onSaved(saved);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, message: `请填写${label}` });
  const norm = norms && grade ? norms[grade] : null;
  const capacity = norm && typeof area === 'number' && area > 0 ? Math.floor(area / norm + 1e-9) : null;
  return (
    <Modal
      title={editing ? `编辑避难场所 — ${editing.name}` : '新建避难场所'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={760}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ type: 'outdoor', grade: 'fixed', facilities: [] }}>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="名称" rules={[required('名称'), { max: 64 }]}>
              <Input data-testid="shelter-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="type" label="类型" rules={[required('类型')]}>
              <Select options={SHELTER_TYPE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="grade" label="等级" rules={[required('等级')]}>
              <Select options={SHELTER_GRADE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="usableArea"
              label="可用面积（m²）"
              rules={[required('可用面积'), { type: 'number', min: 0.01, message: '可用面积必须大于 0' }]}
            >
              <InputNumber style={{ width: '100%' }} min={0} max={10_000_000} data-testid="shelter-area" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item label="容纳人数（自动计算）">
              <Alert
                type="info"
                showIcon={false}
                title={
                  capacity === null
                    ? '填写可用面积后按人均面积标准计算'
                    : `${capacity.toLocaleString('zh-CN')} 人（${String(norm)} m²/人，可由管理员在规则中调整）`
                }
                data-testid="shelter-capacity-preview"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="facilities" label="配套设施">
              <Select mode="multiple" options={FACILITY_OPTIONS} placeholder="选择设施" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="managerName" label="管理人" rules={[required('管理人'), { max: 32 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="managerPhone" label="联系电话" rules={[required('联系电话'), zodRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="address" label="地址" rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Col>
          <LocationFields testIdPrefix="shelter" />
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
