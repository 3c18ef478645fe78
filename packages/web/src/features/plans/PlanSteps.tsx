import { LIFECYCLE_STEP_NAMES, type LifecycleStep, type PlanDetail } from '@yingji/contracts/plans.ts';
import { App, Alert, Button, Form, Modal, Space, type ButtonProps } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useUser } from '../../app/session.tsx';
import { mayTakeStep } from './labels.ts';
import { STEP_CALLS } from './plansApi.ts';
import { StepFields, stepBody, stepInitialValues, type StepForm } from './StepFields.tsx';

/** What each step's dialog says before it is taken. */
const STEP_HINTS: Partial<Record<LifecycleStep, string>> = {
  submit_approval: '全部评审人已提交意见且无“不同意”时，方可提交审批。',
  approve: '审批通过后由编制单位印发。',
  publish: '发布前校验数字化预案：须有响应级别，且各级别启动条件不重叠。新版本发布后旧版本自动废止。',
  revise: '以现行版本为底稿生成新版本（编制中）；新版本发布前，现行版本继续有效。',
  start_evaluation: '评估预案的针对性、实用性和可操作性（国办发〔2013〕101号）。',
};

const PRIMARY: readonly LifecycleStep[] = ['submit_review', 'submit_approval', 'approve', 'publish', 'file'];

/**
 * The lifecycle buttons of a plan version: the steps its state allows (PLAN_LIFECYCLE, as the server computed them in
 * `allowedSteps`) that this person may take, each opening its form. The answer is the plan's new detail; 修订
 * answers with the new version, which the page then opens.
 */
export function PlanSteps({ plan, onChanged }: { plan: PlanDetail; onChanged(plan: PlanDetail): void }) {
  const user = useUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<StepForm>();
  const [open, setOpen] = useState<LifecycleStep | null>(null);
  const [busy, setBusy] = useState(false);
  /** The server's refusal (step out of order, plan not publishable …), kept in the dialog until the next try. */
  const [refusal, setRefusal] = useState<string | null>(null);
  const steps = plan.allowedSteps.filter((s) => mayTakeStep(user, plan, s));

  useEffect(() => {
    if (!open) return;
    setRefusal(null);
    form.resetFields();
    form.setFieldsValue(stepInitialValues(open));
  }, [open, form]);

  const submit = async () => {
    if (!open) return;
    let values: StepForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const call = STEP_CALLS[open] as (id: string, body: unknown) => Promise<PlanDetail>;
      const next = await call(plan.id, stepBody(open, values));
      message.success(`${LIFECYCLE_STEP_NAMES[open]}：已完成`);
      setOpen(null);
      onChanged(next);
    } catch (e) {
      setRefusal(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (steps.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="plan-steps">
        {steps.map((s) => (
          <Button
            key={s}
            type={PRIMARY.includes(s) ? 'primary' : 'default'}
            danger={s === 'return_draft'}
            onClick={() => setOpen(s)}
            data-testid={`step-${s}`}
          >
            {LIFECYCLE_STEP_NAMES[s]}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? `${LIFECYCLE_STEP_NAMES[open]} — ${plan.name}` : ''}
        onCancel={() => setOpen(null)}
        onOk={() => void submit()}
        okText="确定"
        okButtonProps={{ loading: busy, 'data-testid': 'step-ok' } as ButtonProps}
        width={640}
        forceRender
      >
        {open && STEP_HINTS[open] && <Alert type="info" showIcon title={STEP_HINTS[open]} style={{ marginBottom: 12 }} />}
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="step-refusal" />}
        <Form form={form} layout="vertical" autoComplete="off">
          {open && <StepFields step={open} plan={plan} />}
        </Form>
      </Modal>
    </>
  );
}
