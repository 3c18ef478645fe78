import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Member, MemberCreate } from '@yingji/contracts/rescue.ts';
import { zDate, zPhone } from '@yingji/contracts/rescue.ts';
import { App, Button, Col, Form, Input, Modal, Row, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { createMember, updateMember } from './rescueApi.ts';

interface MemberForm {
  name: string;
  gender?: '男' | '女';
  phone?: string;
  position?: string;
  skills: string[];
  certificates: { name: string; number: string; expiresOn?: string }[];
}

/** A member to edit, or a team id to add a member to. */
export type MemberDialogTarget = { member: Member } | { teamId: string } | null;

/** 队员: skills as tags, certificates as a list (名称、编号、有效期至). */
export function MemberFormDialog({ target, onClose, onSaved }: { target: MemberDialogTarget; onClose(): void; onSaved(): void }) {
  const [form] = Form.useForm<MemberForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const editing = target && 'member' in target ? target.member : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        name: editing.name,
        gender: editing.gender ?? undefined,
        phone: editing.phone ?? '',
        position: editing.position ?? '',
        skills: editing.skills,
        certificates: editing.certificates.map((c) => ({ name: c.name, number: c.number, expiresOn: c.expiresOn ?? '' })),
      });
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values || !target) return;
    const input: MemberCreate = {
      name: values.name.trim(),
      gender: values.gender ?? null,
      phone: orNull(values.phone?.trim()),
      position: orNull(values.position?.trim()),
      skills: values.skills ?? [],
      certificates: (values.certificates ?? []).map((c) => ({
        name: c.name.trim(),
        number: c.number.trim(),
        expiresOn: orNull(c.expiresOn?.trim()),
      })),
    };
    setSaving(true);
    try {
      if ('member' in target) await updateMember(target.member.id, input);
      else await createMember(target.teamId, input);
      message.success('队员已保存');
      onSaved();
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      title={editing ? `编辑队员 — ${editing.name}` : '添加队员'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={680}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ skills: [], certificates: [] }}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="name"
              label="姓名"
              rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 64 }]}
            >
              <Input data-testid="member-name" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="gender" label="性别">
              <Select allowClear options={[{ value: '男' }, { value: '女' }]} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="phone" label="手机" rules={[zodRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="position" label="职务">
              <Input placeholder="队长 / 队员" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="skills" label="技能">
          <Select mode="tags" tokenSeparators={['、', ',', '，']} placeholder="输入后回车，如：水域救援" />
        </Form.Item>
        <div style={{ marginBottom: 8 }}>证书</div>
        <Form.List name="certificates">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'name']} rules={[{ required: true, message: '证书名称' }]}>
                    <Input placeholder="证书名称" style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'number']} rules={[{ required: true, message: '证书编号' }]}>
                    <Input placeholder="编号" style={{ width: 160 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'expiresOn']} rules={[zodRule(zDate)]}>
                    <Input placeholder="有效期至 YYYY-MM-DD" style={{ width: 170 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ name: '', number: '', expiresOn: '' })} icon={<PlusOutlined />}>
                添加证书
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
