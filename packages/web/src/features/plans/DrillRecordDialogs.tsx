import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Drill, DrillRating } from '@yingji/contracts/plans-drills.ts';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Space,
  type ButtonProps,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { validated } from '../../app/formRules.ts';
import { DRILL_RATING_OPTIONS } from './labels.ts';
import { evaluateDrill, recordExecution } from './plansApi.ts';

export type DrillDialog = { kind: 'execution' | 'evaluation'; drill: Drill } | null;

interface ExecutionForm {
  conductedOn: Dayjs;
  durationMinutes: number;
  participantCount: number;
  summary: string;
}

interface EvaluationForm {
  rating: DrillRating;
  summary: string;
  problems?: { text: string }[];
  actions?: { description: string; owner: string; dueOn?: Dayjs | null; requiresRevision?: boolean }[];
}

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function ExecutionFields() {
  return (
    <>
      <Space wrap>
        <Form.Item name="conductedOn" label="实施日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker disabledDate={notAfterToday} />
        </Form.Item>
        <Form.Item name="durationMinutes" label="时长（分钟）" rules={[{ required: true, message: '请填写时长' }]}>
          <InputNumber min={1} max={10080} data-testid="execution-duration" />
        </Form.Item>
        <Form.Item name="participantCount" label="参演人数" rules={[{ required: true, message: '请填写人数' }]}>
          <InputNumber min={0} data-testid="execution-people" />
        </Form.Item>
      </Space>
      <Form.Item
        name="summary"
        label="实施记录"
        rules={required('实施记录')}
        extra="按时间顺序记录演练过程：启动、响应、处置、结束"
      >
        <Input.TextArea rows={5} maxLength={4000} data-testid="execution-summary" />
      </Form.Item>
    </>
  );
}

function EvaluationFields() {
  return (
    <>
      <Form.Item name="rating" label="评估等级" rules={[{ required: true, message: '请选择等级' }]}>
        <Radio.Group optionType="button" options={DRILL_RATING_OPTIONS} />
      </Form.Item>
      <Form.Item
        name="summary"
        label="评估结论"
        rules={required('评估结论')}
        extra="执行情况、预案的合理性与可操作性、指挥协调、人员处置、装备适用性"
      >
        <Input.TextArea rows={3} maxLength={4000} data-testid="evaluation-summary" />
      </Form.Item>
      <Form.Item label="发现的问题">
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[field.name, 'text']} rules={required('问题')} style={{ marginBottom: 8, flex: 1 }}>
                    <Input.TextArea autoSize maxLength={500} data-testid="evaluation-problem" />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ text: '' })} data-testid="problem-add">
                添加问题
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item label="整改措施" extra="勾选“需修订预案”的措施，会把现行预案标记为需修订（原因：演练中发现问题）">
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Card key={field.key} size="small" style={{ marginBottom: 8 }} data-testid="evaluation-action">
                  <Form.Item name={[field.name, 'description']} rules={required('整改措施')} style={{ marginBottom: 8 }}>
                    <Input.TextArea autoSize placeholder="整改措施" maxLength={500} data-testid="action-description" />
                  </Form.Item>
                  <Space wrap align="baseline">
                    <Form.Item name={[field.name, 'owner']} rules={required('责任单位')} style={{ marginBottom: 0 }}>
                      <Input placeholder="责任单位" style={{ width: 180 }} data-testid="action-owner" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} style={{ marginBottom: 0 }}>
                      <DatePicker placeholder="完成时限" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'requiresRevision']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Checkbox data-testid="action-revision">需修订预案</Checkbox>
                    </Form.Item>
                    <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>
                      删除
                    </Button>
                  </Space>
                </Card>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ description: '', owner: '' })}
                data-testid="action-add"
              >
                添加整改措施
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
    </>
  );
}

/** 登记实施记录 (计划中 → 已实施) and 演练评估 (已实施 → 已评估), one dialog for both; `onSaved` closes it. */
export function DrillRecordDialog({
  dialog,
  onClose,
  onSaved,
}: {
  dialog: DrillDialog;
  onClose(): void;
  onSaved(drill: Drill): void;
}) {
  const [form] = Form.useForm<ExecutionForm & EvaluationForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (!dialog) return;
    form.resetFields();
    const { drill } = dialog;
    const planned = dayjs(drill.plannedOn);
    const people = drill.participants.reduce((sum, p) => sum + (p.people ?? 0), 0);
    if (dialog.kind === 'execution')
      form.setFieldsValue({
        conductedOn: planned.isAfter(dayjs(), 'day') ? dayjs() : planned,
        durationMinutes: 120,
        participantCount: people,
      });
    else form.setFieldsValue({ rating: 'good', problems: [], actions: [] });
  }, [dialog, form]);

  const submit = async () => {
    if (!dialog) return;
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const saved =
        dialog.kind === 'execution'
          ? await recordExecution(dialog.drill.id, {
              conductedOn: v.conductedOn.format('YYYY-MM-DD'),
              durationMinutes: v.durationMinutes,
              participantCount: v.participantCount,
              summary: v.summary.trim(),
            })
          : await evaluateDrill(dialog.drill.id, {
              rating: v.rating,
              summary: v.summary.trim(),
              problems: (v.problems ?? []).map((p) => p.text.trim()),
              actions: (v.actions ?? []).map((a) => ({
                description: a.description.trim(),
                owner: a.owner.trim(),
                dueOn: a.dueOn ? a.dueOn.format('YYYY-MM-DD') : null,
                requiresRevision: a.requiresRevision ?? false,
              })),
            });
      message.success(dialog.kind === 'execution' ? '实施记录已登记' : '演练评估已保存');
      onSaved(saved);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={dialog !== null}
      title={dialog ? `${dialog.kind === 'execution' ? '登记实施记录' : '演练评估'} — ${dialog.drill.title}` : ''}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okText="保存"
      okButtonProps={{ 'data-testid': 'drill-record-save' } as ButtonProps}
      width={760}
      forceRender
    >
      {dialog?.kind === 'evaluation' && (
        <Alert type="info" showIcon title={`演练预案：${dialog.drill.planName}`} style={{ marginBottom: 12 }} />
      )}
      <Form form={form} layout="vertical" autoComplete="off">
        {dialog?.kind === 'execution' && <ExecutionFields />}
        {dialog?.kind === 'evaluation' && <EvaluationFields />}
      </Form>
    </Modal>
  );
}
