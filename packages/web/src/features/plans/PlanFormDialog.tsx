import type { PlanCreate, PlanDetail, PlanUpdate } from '@yingji/contracts/plans.ts';
import { App, AutoComplete, Col, Form, Input, Modal, Row, Select, Switch, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { AreaTreeSelect } from '../../app/AreaTreeSelect.tsx';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { orNull, validated } from '../../app/formRules.ts';
import { CATEGORY_OPTIONS, ENTERPRISE_FORM_OPTIONS, EVENT_CLASS_OPTIONS, HAZARD_OPTIONS } from './labels.ts';
import { createPlan, updatePlan } from './plansApi.ts';
import { usePlanChoices } from './usePlanChoices.ts';

type PlanForm = Omit<PlanCreate, 'summary'> & { summary?: string };
/** 'new', the plan to edit (编制中 only), or null when closed. */
export type PlanDialogTarget = PlanDetail | 'new' | null;

const MARK_OPTIONS = [
  { value: 'new', label: '新增' },
  { value: 'revise', label: '修订' },
];

function toInput(values: PlanForm): PlanCreate {
  return {
    ...values,
    name: values.name.trim(),
    ownerDepartment: values.ownerDepartment.trim(),
    eventClass: values.eventClass ?? null,
    enterpriseForm: values.category === 'enterprise' ? (values.enterpriseForm ?? null) : null,
    hazardTypes: values.hazardTypes ?? [],
    parentId: values.parentId ?? null,
    relatedIds: values.relatedIds ?? [],
    catalogueMark: values.catalogueMark ?? null,
    summary: orNull(values.summary?.trim()),
  };
}

/** Only what changed goes into the PATCH. */
function changesOf(plan: PlanDetail, input: PlanCreate): PlanUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof PlanCreate)[]) {
    if (JSON.stringify(input[key]) !== JSON.stringify(plan[key])) changes[key] = input[key];
  }
  return changes as PlanUpdate;
}

/** 登记预案 / 修改基本信息: category, owner, area, hazards, 公开/内部, and the plans above and beside it (上下衔接). */
export function PlanFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: PlanDialogTarget;
  onClose(): void;
  onSaved(plan: PlanDetail): void;
}) {
  const [form] = Form.useForm<PlanForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const { area } = useCurrentArea();
  const { planOptions, departmentOptions } = usePlanChoices(target !== null);
  const editing = target !== null && target !== 'new' ? target : null;
  const category = Form.useWatch('category', form);
  const others = planOptions.filter((o) => o.value !== editing?.id);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing, summary: editing.summary ?? '' });
    else if (area) form.setFieldsValue({ areaCode: area.code });
  }, [target, editing, form, area]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = editing ? await updatePlan(editing.id, changesOf(editing, input)) : await createPlan(input);
      message.success(editing ? '预案基本信息已保存' : `已登记预案 ${saved.name}`);
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
      title={editing ? `修改基本信息 — ${editing.name}` : '登记预案'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      okButtonProps={{ 'data-testid': 'plan-save' } as ButtonProps}
      width={820}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ category: 'special', public: false, hazardTypes: [], relatedIds: [] }}
      >
        <Row gutter={12}>
          <Col xs={24} md={16}>
            <Form.Item name="name" label="预案名称" rules={[required('预案名称'), { max: 100 }]}>
              <Input data-testid="plan-name" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="category" label="类别" rules={[required('类别')]}>
              <Select options={CATEGORY_OPTIONS} data-testid="plan-category" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="eventClass" label="事件类别">
              <Select allowClear options={EVENT_CLASS_OPTIONS} placeholder="专项预案填写" />
            </Form.Item>
          </Col>
          {category === 'enterprise' && (
            <Col xs={12} md={8}>
              <Form.Item name="enterpriseForm" label="企业预案形式" rules={[required('企业预案形式')]}>
                <Select options={ENTERPRISE_FORM_OPTIONS} />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={8}>
            <Form.Item name="ownerDepartment" label="编制单位（牵头部门）" rules={[required('编制单位'), { max: 64 }]}>
              <AutoComplete options={departmentOptions} data-testid="plan-department" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="areaCode" label="所属区划" rules={[required('所属区划')]}>
              <AreaTreeSelect valueLabel={editing?.areaName ?? area?.name} />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Form.Item name="hazardTypes" label="灾种 / 事件类型" extra="总体预案和应急保障预案不填，适用于全部灾种">
              <Select mode="multiple" allowClear options={HAZARD_OPTIONS} optionFilterProp="label" data-testid="plan-hazards" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="public" label="公开" valuePropName="checked">
              <Switch checkedChildren="公开" unCheckedChildren="内部" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="catalogueMark" label="规划标记">
              <Select allowClear options={MARK_OPTIONS} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="parentId" label="上级预案">
              <Select
                allowClear
                showSearch
                options={others}
                optionFilterProp="label"
                placeholder="上下衔接的上级预案"
                data-testid="plan-parent"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="relatedIds" label="相关预案">
              <Select mode="multiple" allowClear options={others} optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="summary" label="简介" rules={[{ max: 2000 }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
