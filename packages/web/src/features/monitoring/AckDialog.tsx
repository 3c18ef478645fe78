import { zAlarmAck, type Alarm } from '@yingji/contracts/alarms.ts';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { validated, zodRule } from '../../app/formRules.ts';
import { acknowledgeAlarm } from './monitoringApi.ts';

/** 确认告警: the officer says what was done (called the station's keeper, sent a patrol…); the server checks scope. */
export function AckDialog({ alarm, onClose, onDone }: { alarm: Alarm | null; onClose(): void; onDone(alarm: Alarm): void }) {
  const [form] = Form.useForm<{ note: string }>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();

  useEffect(() => {
    if (alarm) form.resetFields();
  }, [alarm, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values || !alarm) return;
    setSaving(true);
    try {
      const done = await acknowledgeAlarm(alarm.id, values.note.trim());
      message.success('告警已确认');
      onDone(done);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={alarm !== null}
      title={alarm ? `确认告警 — ${alarm.stationName}` : '确认告警'}
      okText="确认告警"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      forceRender
      // Above the alarm drawer it is opened from (this dialog is mounted first, so would sit under it).
      zIndex={1100}
      data-testid="ack-dialog"
    >
      {alarm && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {alarm.message}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item
          name="note"
          label="处置说明"
          rules={[{ required: true, whitespace: true, message: '请填写处置说明' }, zodRule(zAlarmAck.shape.note)]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder="如：已电话通知站点管理员现场核查"
            data-testid="ack-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
