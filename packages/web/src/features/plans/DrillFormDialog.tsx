import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Drill, DrillType } from '@yingji/contracts/plans-drills.ts';
import { App, Button, Col, DatePicker, Flex, Form, Input, InputNumber, Modal, Row, Select, type ButtonProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { validated } from '../../app/formRules.ts';
import { DRILL_TYPE_OPTIONS } from './labels.ts';
import { createDrill } from './plansApi.ts';
import { usePlanChoices } from './usePlanChoices.ts';

interface DrillForm {
  planId: string;
  title: string;
  type: DrillType;
  plannedOn: Dayjs;
  organiser: string;
  scenario: string;
  participants?: { unit: string; people?: number | null }[];
}

/** 新建演练: for which plan, which form (桌面/实战/双盲/数字), the scenario, who takes part, and when. */
export function DrillFormDialog({
  open,
  planId,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** Preselects the plan (opened from a plan or the frequency overview). */
  planId?: string;
  onClose(): void;
  onSaved(drill: Drill): void;
}) {
  const [form] = Form.useForm<DrillForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const { plans, planOptions } = usePlanChoices(open);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (planId) form.setFieldsValue({ planId });
  }, [open, planId, form]);

  // The organiser is usually the plan's own department: filled in when a plan is picked and nothing is typed yet.
  const pickPlan = (id: string) => {
    const plan = plans.find((p) => p.id === id);
    if (plan && !form.getFieldValue('organiser')) form.setFieldsValue({ organiser: plan.ownerDepartment });
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const drill = await createDrill({
        planId: v.planId,
        title: v.title.trim(),
        type: v.type,
        plannedOn: v.plannedOn.format('YYYY-MM-DD'),
        organiser: v.organiser.trim(),
        scenario: v.scenario.trim(),
        participants: (v.participants ?? []).map((p) => ({ unit: p.unit.trim(), people: p.people ?? null })),
      });
      message.success(`已安排演练 ${drill.title}`);
      onSaved(drill);
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
  return (
    <Modal
      title="新建演练计划"
      open={open}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      okButtonProps={{ 'data-testid': 'drill-save' } as ButtonProps}
      width={760}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ type: 'tabletop', participants: [] }}>
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="planId" label="演练预案" rules={[{ required: true, message: '请选择预案' }]}>
              <Select showSearch options={planOptions} optionFilterProp="label" onChange={pickPlan} data-testid="drill-plan" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="title" label="演练名称" rules={[...required('演练名称'), { max: 100 }]}>
              <Input data-testid="drill-title" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="type" label="演练形式" rules={[{ required: true }]}>
              <Select options={DRILL_TYPE_OPTIONS} data-testid="drill-type" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="plannedOn" label="计划日期" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker style={{ width: '100%' }} data-testid="drill-date" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="organiser" label="组织单位" rules={[...required('组织单位'), { max: 64 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="scenario"
              label="演练情景"
              rules={[...required('演练情景'), { max: 4000 }]}
              extra="灾情设定、连锁反应、极端条件等"
            >
              <Input.TextArea rows={3} data-testid="drill-scenario" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="参演单位">
              <Form.List name="participants">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field) => (
                      <Flex key={field.key} gap={8} align="baseline" wrap>
                        <Form.Item name={[field.name, 'unit']} rules={required('参演单位')}>
                          <Input placeholder="单位" style={{ width: 240 }} data-testid="participant-unit" />
                        </Form.Item>
                        <Form.Item name={[field.name, 'people']}>
                          <InputNumber placeholder="人数" min={0} style={{ width: 100 }} />
                        </Form.Item>
                        <MinusCircleOutlined onClick={() => remove(field.name)} />
                      </Flex>
                    ))}
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unit: '' })} data-testid="participant-add">
                      添加参演单位
                    </Button>
                  </>
                )}
              </Form.List>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
