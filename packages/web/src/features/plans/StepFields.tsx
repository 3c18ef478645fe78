import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { LifecycleStep, PlanDetail } from '@yingji/contracts/plans.ts';
import { REVIEW_OPINION_NAMES } from '@yingji/contracts/plans.ts';
import { Button, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { REVISION_TRIGGER_OPTIONS } from './labels.ts';

/** What a step's form holds before it becomes the step's body (dates are Dayjs in the form). */
export interface StepForm {
  note?: string;
  reason?: string;
  reviewers?: { name: string; unit?: string }[];
  reviewer?: string;
  opinion?: 'agree' | 'agree_with_changes' | 'disagree';
  comment?: string;
  publishedOn?: Dayjs;
  documentNumber?: string;
  filingNumber?: string;
  filedWith?: string;
  filedOn?: Dayjs;
  conclusion?: 'valid' | 'revise';
  findings?: string;
  trigger?: string;
}

const day = (d: Dayjs | undefined) => (d ?? dayjs()).format('YYYY-MM-DD');
const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** The step's request body (contracts/plans.ts: zSubmitReview, zPublish, zFile …) from its form. */
export function stepBody(step: LifecycleStep, v: StepForm): unknown {
  switch (step) {
    case 'submit_review':
      return { reviewers: (v.reviewers ?? []).map((r) => ({ name: r.name.trim(), unit: text(r.unit) })), note: text(v.note) };
    case 'review_opinion':
      return { reviewer: v.reviewer, opinion: v.opinion, comment: text(v.comment) };
    case 'return_draft':
      return { reason: v.reason?.trim() };
    case 'publish':
      return { publishedOn: day(v.publishedOn), documentNumber: text(v.documentNumber), note: text(v.note) };
    case 'file':
      return {
        filingNumber: v.filingNumber?.trim(),
        filedWith: v.filedWith?.trim(),
        filedOn: day(v.filedOn),
        note: text(v.note),
      };
    case 'finish_evaluation':
      return { conclusion: v.conclusion, findings: v.findings?.trim() };
    case 'mark_revision':
      return { trigger: v.trigger, reason: v.reason?.trim() };
    default:
      return { note: text(v.note) };
  }
}

/** The form's starting values for a step. */
export function stepInitialValues(step: LifecycleStep): StepForm {
  if (step === 'submit_review') return { reviewers: [{ name: '', unit: '' }] };
  if (step === 'publish') return { publishedOn: dayjs() };
  if (step === 'file') return { filedOn: dayjs(), filedWith: '市应急管理局' };
  if (step === 'review_opinion') return { opinion: 'agree' };
  if (step === 'finish_evaluation') return { conclusion: 'valid' };
  return {};
}

const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];
const notAfterToday = (d: Dayjs) => d.isAfter(dayjs(), 'day');

function ReviewerList() {
  return (
    <Form.List name="reviewers">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="baseline" wrap>
              <Form.Item name={[field.name, 'name']} rules={required('评审人')}>
                <Input placeholder="评审人姓名" style={{ width: 140 }} data-testid="reviewer-name" />
              </Form.Item>
              <Form.Item name={[field.name, 'unit']}>
                <Input placeholder="单位或身份（如 省应急专家库）" style={{ width: 240 }} />
              </Form.Item>
              {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} />}
            </Flex>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', unit: '' })} style={{ marginBottom: 12 }}>
            添加评审人
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The fields of one lifecycle step's dialog. */
export function StepFields({ step, plan }: { step: LifecycleStep; plan: PlanDetail }) {
  const note = (
    <Form.Item name="note" label="说明">
      <Input.TextArea rows={2} maxLength={1000} />
    </Form.Item>
  );
  switch (step) {
    case 'submit_review':
      return (
        <>
          <Form.Item label="本轮评审人" required>
            <ReviewerList />
          </Form.Item>
          {note}
        </>
      );
    case 'review_opinion': {
      const reviewers = plan.review?.reviewers ?? [];
      return (
        <>
          <Form.Item name="reviewer" label="评审人" rules={required('评审人')}>
            <Select
              data-testid="opinion-reviewer"
              options={reviewers.map((r) => ({
                value: r.name,
                label: `${r.name}${r.unit ? `（${r.unit}）` : ''}${r.opinion ? ` — 已提交：${REVIEW_OPINION_NAMES[r.opinion]}` : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="opinion" label="意见" rules={required('意见')}>
            <Radio.Group
              options={Object.entries(REVIEW_OPINION_NAMES).map(([value, label]) => ({ value, label }))}
              optionType="button"
            />
          </Form.Item>
          <Form.Item name="comment" label="意见内容" extra="“修改后同意”或“不同意”须写明意见">
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </>
      );
    }
    case 'return_draft':
      return (
        <Form.Item name="reason" label="退回理由" rules={required('退回理由')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      );
    case 'publish':
      return (
        <>
          <Form.Item name="publishedOn" label="印发日期" rules={[{ required: true, message: '请选择印发日期' }]}>
            <DatePicker disabledDate={notAfterToday} />
          </Form.Item>
          <Form.Item name="documentNumber" label="发文字号">
            <Input placeholder="如 连府办〔2026〕12号" maxLength={64} />
          </Form.Item>
          {note}
        </>
      );
    case 'file':
      return (
        <>
          <Form.Item name="filingNumber" label="备案编号" rules={required('备案编号')}>
            <Input maxLength={64} data-testid="filing-number" />
          </Form.Item>
          <Form.Item name="filedWith" label="备案机关" rules={required('备案机关')}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="filedOn" label="备案日期" rules={[{ required: true, message: '请选择备案日期' }]}>
            <DatePicker disabledDate={notAfterToday} />
          </Form.Item>
          {note}
        </>
      );
    case 'finish_evaluation':
      return (
        <>
          <Form.Item name="conclusion" label="评估结论" rules={required('评估结论')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'valid', label: '继续有效' },
                { value: 'revise', label: '需要修订' },
              ]}
            />
          </Form.Item>
          <Form.Item name="findings" label="评估意见" rules={required('评估意见')}>
            <Input.TextArea rows={4} maxLength={4000} />
          </Form.Item>
        </>
      );
    case 'mark_revision':
      return (
        <>
          <Form.Item name="trigger" label="修订原因类别" rules={[{ required: true, message: '请选择原因类别' }]}>
            <Select options={REVISION_TRIGGER_OPTIONS} />
          </Form.Item>
          <Form.Item name="reason" label="具体原因" rules={required('修订原因')}>
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      );
    default:
      return note;
  }
}
