import type { Role, User, UserUpdate } from '@yingji/contracts/auth.ts';
import { zNewPassword, zUserCreate, zUsername } from '@yingji/contracts/auth.ts';
import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { AreaTreeSelect } from '../../app/AreaTreeSelect.tsx';
import { ROLE_OPTIONS } from '../../app/format.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { createUser, updateUser } from './usersApi.ts';

interface UserForm {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  areaCode: string;
  phone?: string;
  disabled: boolean;
}

/** `null` closes the dialog, 'new' opens 新建用户, a user opens 编辑用户. */
export type UserDialogTarget = User | 'new' | null;

/** Only what changed goes into the PATCH, so an untouched field (e.g. the installer's empty scope) is left alone. */
function changesOf(user: User, values: UserForm): UserUpdate {
  const changes: UserUpdate = {};
  if (values.displayName.trim() !== user.displayName) changes.displayName = values.displayName.trim();
  if ([...values.roles].sort().join() !== [...user.roles].sort().join()) changes.roles = values.roles;
  if (values.areaCode && values.areaCode !== user.areaCode) changes.areaCode = values.areaCode;
  const phone = orNull(values.phone?.trim());
  if (phone !== user.phone) changes.phone = phone;
  if (values.disabled !== user.disabled) changes.disabled = values.disabled;
  return changes;
}

export function UserFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: UserDialogTarget;
  onClose(): void;
  onSaved(user: User): void;
}) {
  const [form] = Form.useForm<UserForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        displayName: editing.displayName,
        roles: editing.roles,
        areaCode: editing.areaCode,
        phone: editing.phone ?? '',
        disabled: editing.disabled,
      });
    }
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      let saved: User;
      if (editing) {
        const changes = changesOf(editing, values);
        saved = Object.keys(changes).length > 0 ? await updateUser(editing.id, changes) : editing;
      } else {
        saved = await createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          roles: values.roles,
          areaCode: values.areaCode,
          phone: orNull(values.phone?.trim()),
          password: values.password,
        });
      }
      message.success(editing ? '用户已保存' : `已新建用户 ${saved.username}`);
      onSaved(saved);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑用户 — ${editing.username}` : '新建用户'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ roles: [], disabled: false }}>
        {!editing && (
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }, zodRule(zUsername)]}>
            <Input data-testid="user-username" />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 64 }]}
        >
          <Input data-testid="user-display-name" />
        </Form.Item>
        {!editing && (
          <Form.Item
            name="password"
            label="初始密码"
            extra="至少 10 位，须同时包含字母和数字；用户首次登录后应修改"
            rules={[{ required: true, message: '请输入初始密码' }, zodRule(zNewPassword)]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="roles" label="角色" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
          <Select mode="multiple" options={ROLE_OPTIONS} placeholder="选择角色" data-testid="user-roles" />
        </Form.Item>
        <Form.Item
          name="areaCode"
          label="管辖区域"
          extra="用户只能查看和处理该区域及其下级的数据"
          rules={editing?.areaCode === '' ? [] : [{ required: true, message: '请选择管辖区域' }]}
        >
          <AreaTreeSelect
            valueLabel={editing?.areaName}
            style={{ width: '100%' }}
            placeholder={editing?.areaCode === '' ? '全部区域' : '选择区域'}
          />
        </Form.Item>
        <Form.Item name="phone" label="手机" rules={[zodRule(zUserCreate.shape.phone)]}>
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        {editing && (
          <Form.Item name="disabled" label="停用账号" valuePropName="checked">
            <Switch checkedChildren="停用" unCheckedChildren="正常" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
