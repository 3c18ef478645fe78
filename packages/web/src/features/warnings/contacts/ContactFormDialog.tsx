import { zMobile } from '@yingji/contracts/common.ts';
import type { Contact, ContactCreate, ContactGroup, SpecialNeed } from '@yingji/contracts/warnings.ts';
import { App, Col, Divider, Form, Input, Modal, Radio, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../app/api.ts';
import { AreaTreeSelect } from '../../../app/AreaTreeSelect.tsx';
import { useCurrentArea } from '../../../app/currentArea.tsx';
import { orNull, validated, zodRule } from '../../../app/formRules.ts';
import { createContact, updateContact } from './contactsApi.ts';
import { CONTACT_GROUP_OPTIONS, SPECIAL_NEED_OPTIONS } from './labels.ts';

interface ContactForm {
  name: string;
  phone: string;
  email?: string;
  group: ContactGroup;
  areaCode: string;
  consent: boolean;
  specialNeed?: SpecialNeed;
  helperName?: string;
  helperPhone?: string;
  route?: string;
  shelterName?: string;
  note?: string;
}
export type ContactDialogTarget = Contact | 'new' | null;

const text = (value: string | undefined) => orNull(value?.trim());

function toInput(v: ContactForm): ContactCreate {
  return {
    name: v.name.trim(),
    phone: v.phone.trim(),
    email: text(v.email),
    group: v.group,
    areaCode: v.areaCode,
    consent: v.consent,
    specialNeed: v.specialNeed ?? null,
    helperName: text(v.helperName),
    helperPhone: text(v.helperPhone),
    route: text(v.route),
    shelterName: text(v.shelterName),
    note: text(v.note),
  };
}

/** 新增 / 编辑预警接收人: who, which village (or group/grid), whether they agreed, and for 特殊群体 their 四个一. */
export function ContactFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: ContactDialogTarget;
  onClose(): void;
  onSaved(contact: Contact): void;
}) {
  const [form] = Form.useForm<ContactForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const { area } = useCurrentArea();
  const editing = target !== null && target !== 'new' ? target : null;
  const specialNeed = Form.useWatch('specialNeed', form);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) {
      const { email, specialNeed: need, helperName, helperPhone, route, shelterName, note, ...rest } = editing;
      form.setFieldsValue({
        ...rest,
        email: email ?? '',
        specialNeed: need ?? undefined,
        helperName: helperName ?? '',
        helperPhone: helperPhone ?? '',
        route: route ?? '',
        shelterName: shelterName ?? '',
        note: note ?? '',
      });
      // A village officer's new contacts belong to their village: start there.
    } else if (area && area.code.length >= 12) form.setFieldsValue({ areaCode: area.code });
  }, [target, editing, form, area]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = editing ? await updateContact(editing.id, input) : await createContact(input);
      message.success(editing ? '接收人已保存' : `已新增接收人 ${saved.name}`);
      onSaved(saved);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, message: `请填写${label}` });
  // Phones: two to a row on a phone's screen, three on a desk.
  const third = { xs: 24, sm: 12, md: 8 };
  const half = { xs: 24, sm: 12 };
  return (
    <Modal
      title={editing ? `编辑预警接收人 — ${editing.name}` : '新增预警接收人'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={720}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" initialValues={{ group: 'residents', consent: true }}>
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name="name" label="姓名" rules={[required('姓名'), { max: 32 }]}>
              <Input data-testid="contact-name" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="phone" label="手机号" rules={[required('手机号'), zodRule(zMobile)]}>
              <Input inputMode="tel" maxLength={11} data-testid="contact-phone" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="group" label="类别" rules={[required('类别')]}>
              <Select options={CONTACT_GROUP_OPTIONS} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="areaCode"
              label="所在村（社区）或组/网格"
              rules={[required('所在村'), { pattern: /^(\d{12}|\d{15})$/, message: '请选择村（社区）或其下的组/网格' }]}
            >
              <AreaTreeSelect style={{ width: '100%' }} valueLabel={editing?.areaCode} aria-label="所在村" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="consent" label="同意接收预警短信" rules={[{ required: true, message: '请选择是否同意' }]}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: true, label: '同意' },
                  { value: false, label: '不同意' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="email" label="电子邮箱（可选）" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
              <Input inputMode="email" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="specialNeed" label="特殊群体（需协助转移）">
              <Select allowClear options={SPECIAL_NEED_OPTIONS} placeholder="不是特殊群体" data-testid="contact-special" />
            </Form.Item>
          </Col>
        </Row>
        {specialNeed && (
          <>
            <Divider titlePlacement="start" plain>
              临灾转移“四个一”
            </Divider>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name="helperName" label="转移责任人" rules={[{ max: 32 }]}>
                  <Input />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="helperPhone" label="责任人电话" rules={[zodRule(zMobile)]}>
                  <Input inputMode="tel" maxLength={11} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="route" label="转移路线" rules={[{ max: 200 }]}>
                  <Input placeholder="如 沿村道向东至村委会，约 500 米" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="shelterName" label="安置点" rules={[{ max: 100 }]}>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        <Form.Item name="note" label="备注" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
