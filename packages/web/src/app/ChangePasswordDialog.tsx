import { zNewPassword } from '@yingji/contracts/auth.ts';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from './api.ts';
import { validated } from './formRules.ts';
import { useSession } from './session.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * 修改密码. When the account must change its initial password the dialog cannot be dismissed: the server asks for
 * it (mustChangePassword), and 等保 expects the first password to be replaced.
 */
export function ChangePasswordDialog({ open, forced, onClose }: { open: boolean; forced: boolean; onClose(): void }) {
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const { refresh } = useSession();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword: values.currentPassword, newPassword: values.newPassword });
      message.success('密码已修改');
      form.resetFields();
      onClose();
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title="修改密码"
      open={open}
      onOk={() => void submit()}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={{ style: forced ? { display: 'none' } : {} }}
      confirmLoading={saving}
      okText="确认修改"
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="首次登录或密码已重置，请先修改密码" />}
      {error && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} />}
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra="至少 10 位，须同时包含字母和数字"
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: async (_rule, value: string | undefined) => {
                const result = zNewPassword.safeParse(value ?? '');
                if (!result.success) throw new Error(result.error.issues[0]?.message ?? '密码不符合要求');
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
