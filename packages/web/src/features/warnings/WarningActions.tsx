import type { Warning } from '@yingji/contracts/warnings.ts';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../app/api.ts';
import { can } from '../../app/permissions.ts';
import { navigate } from '../../app/router.ts';
import { useUser } from '../../app/session.tsx';
import { cancelWarning, reviewWarning, signWarning, submitWarning } from './warningsApi.ts';

interface Step {
  key: string;
  label: string;
  /** What the dialog asks before the step; null: the step runs at once. */
  dialog: { title: string; placeholder: string; required: boolean; danger?: boolean } | null;
  primary?: boolean;
  run(opinion: string | null): Promise<Warning>;
}

/** The steps this user may take on this warning now (the server refuses the rest; hiding them spares the refusal). */
function stepsFor(warning: Warning, user: ReturnType<typeof useUser>): Step[] {
  const own = warning.draftedBy === user.username;
  const steps: Step[] = [];
  const { id } = warning;
  if (warning.state === 'draft' && can(user, 'warnings:draft')) {
    steps.push({ key: 'submit', label: '提交审核', dialog: null, primary: true, run: () => submitWarning(id) });
  }
  if (warning.state === 'reviewing' && can(user, 'warnings:review') && !own) {
    steps.push(
      {
        key: 'approve',
        label: '审核通过',
        primary: true,
        dialog: { title: '审核通过', placeholder: '审核意见（可不填）', required: false },
        run: (opinion) => reviewWarning(id, { approve: true, opinion }),
      },
      {
        key: 'reject',
        label: '退回修改',
        dialog: { title: '退回修改', placeholder: '退回意见（必填）', required: true, danger: true },
        run: (opinion) => reviewWarning(id, { approve: false, opinion }),
      },
    );
  }
  if (warning.state === 'approved' && can(user, 'warnings:sign') && !own) {
    steps.push({
      key: 'sign',
      label: '签发发布',
      primary: true,
      dialog: { title: '签发发布：签发后立即向预警区域发送', placeholder: '签发意见（可不填）', required: false, danger: true },
      run: (opinion) => signWarning(id, opinion),
    });
  }
  if (warning.state === 'published' && warning.source === 'local' && can(user, 'warnings:review')) {
    steps.push({
      key: 'cancel',
      label: '解除预警',
      dialog: {
        title: '解除预警：将向已接收的人员发送解除通知',
        placeholder: '解除说明（可不填）',
        required: false,
        danger: true,
      },
      run: (opinion) => cancelWarning(id, opinion),
    });
  }
  return steps;
}

/** Why a step the user would otherwise see is not offered: their own draft (审核、签发 are always someone else's). */
function ownDraftNote(warning: Warning, user: ReturnType<typeof useUser>): string | null {
  if (warning.draftedBy !== user.username) return null;
  if (warning.state === 'reviewing' && can(user, 'warnings:review')) return '本预警由您起草，须由其他人审核';
  if (warning.state === 'approved' && can(user, 'warnings:sign')) return '本预警由您起草，须由其他人签发';
  return null;
}

/** 提交审核 / 审核通过 / 退回 / 签发发布 / 修改 / 更新 / 解除, as this user's role and the warning's state allow. */
export function WarningActions({ warning, onChanged }: { warning: Warning; onChanged(next: Warning): void }) {
  const user = useUser();
  const { message } = App.useApp();
  const [open, setOpen] = useState<Step | null>(null);
  const [opinion, setOpinion] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const steps = stepsFor(warning, user);
  const note = ownDraftNote(warning, user);

  const run = async (step: Step, text: string | null) => {
    setBusy(step.key);
    setError(null);
    try {
      const next = await step.run(text);
      message.success(`${step.label}：已完成`);
      setOpen(null);
      onChanged(next);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}（${e.code}）` : errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const start = (step: Step) => {
    setError(null);
    if (!step.dialog) return void run(step, null);
    setOpinion('');
    setOpen(step);
  };

  const editable = warning.state === 'draft' && warning.source === 'local' && can(user, 'warnings:draft');
  const updatable = warning.state === 'published' && warning.source === 'local' && can(user, 'warnings:draft');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap data-testid="warning-actions">
        {editable && (
          <Button onClick={() => navigate(`/warnings/${warning.id}/edit`)} data-testid="warning-edit">
            修改
          </Button>
        )}
        {steps.map((step) => (
          <Button
            key={step.key}
            type={step.primary ? 'primary' : 'default'}
            danger={step.dialog?.danger && !step.primary}
            loading={busy === step.key && !open}
            onClick={() => start(step)}
            data-testid={`warning-${step.key}`}
          >
            {step.label}
          </Button>
        ))}
        {updatable && (
          <Button onClick={() => navigate(`/warnings/${warning.id}/update`)} data-testid="warning-update">
            更新
          </Button>
        )}
        {note && <Typography.Text type="secondary">{note}</Typography.Text>}
      </Space>
      {error && !open && (
        <Alert type="error" showIcon closable title={error} onClose={() => setError(null)} data-testid="warning-action-error" />
      )}
      <Modal
        open={open !== null}
        title={open?.dialog?.title}
        okText={open?.label}
        okButtonProps={{ danger: open?.dialog?.danger, loading: busy !== null, 'data-testid': 'warning-step-ok' } as never}
        onOk={() => {
          if (!open) return;
          const text = opinion.trim();
          if (open.dialog?.required && !text) return setError('请填写意见');
          void run(open, text || null);
        }}
        onCancel={() => setOpen(null)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="warning-step-error" />}
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={open?.dialog?.placeholder}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          data-testid="warning-opinion"
        />
      </Modal>
    </Space>
  );
}
