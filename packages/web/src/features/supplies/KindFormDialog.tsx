import type { SupplyKind, SupplyKindCreate } from '@yingji/contracts/supplies.ts';
import { SUPPLY_CATEGORIES } from '@yingji/contracts/supplies.ts';
import { Alert, App, AutoComplete, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated } from '../../app/formRules.ts';
import { createKind, updateKind } from './suppliesApi.ts';

interface KindForm {
  name: string;
  category: string;
  unit: string;
  shelfLifeDays?: number | null;
  spec?: string;
  county?: number | null;
  township?: number | null;
  village?: number | null;
  source?: string;
}

const toInput = (v: KindForm): SupplyKindCreate => ({
  name: v.name.trim(),
  category: v.category.trim(),
  unit: v.unit.trim(),
  shelfLifeDays: v.shelfLifeDays ?? null,
  spec: orNull(v.spec?.trim()),
  reserveStandard: { county: v.county ?? null, township: v.township ?? null, village: v.village ?? null },
  source: orNull(v.source?.trim()),
});

/** 新增 / 修改品目, including its 储备标准 for each warehouse tier (audited on the server). */
export function KindFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: SupplyKind | 'new' | null;
  onClose(): void;
  onSaved(): void;
}) {
  const [form] = Form.useForm<KindForm>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    setFailure(null);
    if (editing) {
      form.setFieldsValue({
        ...editing,
        spec: editing.spec ?? '',
        source: editing.source ?? '',
        county: editing.reserveStandard.county,
        township: editing.reserveStandard.township,
        village: editing.reserveStandard.village,
      });
    }
  }, [target]);

  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      if (editing) await updateKind(editing.id, input);
      else await createKind(input);
      message.success(editing ? '品目已修改' : '品目已新增');
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
      title={editing ? `修改品目：${editing.name}` : '新增品目'}
      onCancel={onClose}
      onOk={save}
      confirmLoading={saving}
      okText="保存"
      width={640}
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" data-testid="kind-form">
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="name" label="品目名称" rules={[{ required: true, whitespace: true, max: 64 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="category" label="类别" rules={[{ required: true, whitespace: true, max: 32 }]}>
              <AutoComplete options={SUPPLY_CATEGORIES.map((c) => ({ value: c }))} />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="unit" label="单位" rules={[{ required: true, whitespace: true, max: 8 }]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="shelfLifeDays" label="保质期（天，空为不过期）">
              <InputNumber min={1} max={36500} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="spec" label="规格型号">
              <Input maxLength={128} />
            </Form.Item>
          </Col>
        </Row>
        <div style={{ marginBottom: 8, color: '#666' }}>储备标准：每个该层级仓库应储备的数量（空为该层级不储备）</div>
        <Row gutter={12}>
          {(['county', 'township', 'village'] as const).map((level) => (
            <Col span={8} key={level}>
              <Form.Item name={level} label={{ county: '县级储备库', township: '乡镇储备库', village: '村级储存室' }[level]}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid={`standard-${level}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="source" label="依据">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
