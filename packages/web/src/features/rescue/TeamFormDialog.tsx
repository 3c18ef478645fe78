import type { Team, TeamCreate, TeamUpdate } from '@yingji/contracts/rescue.ts';
import { zPhone } from '@yingji/contracts/rescue.ts';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { DUTY_STATE_OPTIONS, TEAM_LEVEL_OPTIONS, TEAM_TYPE_OPTIONS } from './labels.ts';
import { createTeam, updateTeam } from './rescueApi.ts';
import { LocationFields } from '../../map/LocationFields.tsx';

type TeamForm = Omit<TeamCreate, 'specialty' | 'baseAddress' | 'dutyPhone' | 'remarks'> & {
  specialty?: string;
  baseAddress?: string;
  dutyPhone?: string;
  remarks?: string;
};

export type TeamDialogTarget = Team | 'new' | null;

function toInput(values: TeamForm): TeamCreate {
  return {
    name: values.name.trim(),
    type: values.type,
    level: values.level,
    specialty: orNull(values.specialty?.trim()),
    baseAddress: orNull(values.baseAddress?.trim()),
    lon: values.lon,
    lat: values.lat,
    leaderName: values.leaderName.trim(),
    leaderPhone: values.leaderPhone.trim(),
    dutyPhone: orNull(values.dutyPhone?.trim()),
    dutyState: values.dutyState,
    remarks: orNull(values.remarks?.trim()),
  };
}

/** Only what changed goes into the PATCH; a moved base sends both coordinates (the server re-locates the team). */
function changesOf(team: Team, input: TeamCreate): TeamUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(input) as (keyof TeamCreate)[]) if (input[key] !== team[key]) changes[key] = input[key];
  if ('lon' in changes || 'lat' in changes) Object.assign(changes, { lon: input.lon, lat: input.lat });
  return changes as TeamUpdate;
}

/** 新建 / 编辑救援队伍. The team's area follows from its base coordinates. */
export function TeamFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: TeamDialogTarget;
  onClose(): void;
  onSaved(team: Team): void;
}) {
  const [form] = Form.useForm<TeamForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        ...editing,
        specialty: editing.specialty ?? '',
        baseAddress: editing.baseAddress ?? '',
        dutyPhone: editing.dutyPhone ?? '',
        remarks: editing.remarks ?? '',
      });
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = editing ? await updateTeam(editing.id, changesOf(editing, input)) : await createTeam(input);
      message.success(editing ? '队伍已保存' : `已新建队伍 ${saved.name}`);
      onSaved(saved);
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, message: `请填写${label}` });
  return (
    <Modal
      title={editing ? `编辑队伍 — ${editing.name}` : '新建救援队伍'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={720}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ type: 'comprehensive', level: 'township', dutyState: 'standby' }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="name" label="队伍名称" rules={[required('队伍名称'), { max: 64 }]}>
              <Input data-testid="team-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="type" label="类型" rules={[required('类型')]}>
              <Select options={TEAM_TYPE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="level" label="层级" rules={[required('层级')]}>
              <Select options={TEAM_LEVEL_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="specialty" label="专业方向">
              <Input placeholder="如：防汛抢险、水域救援" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="baseAddress" label="驻地">
              <Input />
            </Form.Item>
          </Col>
          <LocationFields lonLabel="驻地经度" latLabel="驻地纬度" extra="WGS-84；所属区划由坐标自动确定" testIdPrefix="team" />
          <Col span={8}>
            <Form.Item name="leaderName" label="负责人" rules={[required('负责人'), { max: 64 }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leaderPhone" label="负责人电话" rules={[required('负责人电话'), zodRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dutyPhone" label="值班电话" rules={[zodRule(zPhone)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dutyState" label="值守状态">
              <Select options={DUTY_STATE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="remarks" label="备注">
              <Input.TextArea rows={1} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
