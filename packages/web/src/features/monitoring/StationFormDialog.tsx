import {
  STATION_OWNER_TYPE_LABELS,
  zStationCode,
  type Station,
  type StationCreate,
  type StationCredentials,
  type StationKind,
  type StationUpdate,
  type WaterLevels,
} from '@yingji/contracts/monitoring.ts';
import { Col, Form, Input, InputNumber, Modal, Row, Select, App, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { orNull, validated, zodRule } from '../../app/formRules.ts';
import { LocationFields } from '../../map/LocationFields.tsx';
import { KIND_OPTIONS } from './labels.ts';
import { createStation, updateStation } from './monitoringApi.ts';

export type StationDialogTarget = Station | 'new' | null;

interface StationForm {
  code: string;
  name: string;
  kind: StationKind;
  lon: number;
  lat: number;
  ownerType: StationCreate['ownerType'];
  ownerName: string;
  deviceIds?: string[];
  warning?: number | null;
  guaranteed?: number | null;
  historicMax?: number | null;
  note?: string;
}

const OWNER_TYPE_OPTIONS = Object.entries(STATION_OWNER_TYPE_LABELS).map(([value, label]) => ({ value, label }));

function waterLevelsOf(values: StationForm): WaterLevels | null {
  if (values.kind !== 'water_level') return null;
  const levels = {
    warning: values.warning ?? null,
    guaranteed: values.guaranteed ?? null,
    historicMax: values.historicMax ?? null,
  };
  return Object.values(levels).every((v) => v === null) ? null : levels;
}

function toInput(values: StationForm): StationCreate {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind,
    lon: values.lon,
    lat: values.lat,
    ownerType: values.ownerType,
    ownerName: values.ownerName.trim(),
    deviceIds: (values.deviceIds ?? []).map((d) => d.trim()).filter(Boolean),
    waterLevels: waterLevelsOf(values),
    note: orNull(values.note?.trim()),
  };
}

/** Only what changed goes into the PATCH (code and kind are fixed once devices report under them). */
function changesOf(station: Station, input: StationCreate): StationUpdate {
  const { code: _code, kind: _kind, ...rest } = input;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(rest) as (keyof typeof rest)[]) {
    if (JSON.stringify(rest[key]) !== JSON.stringify(station[key])) changes[key] = rest[key];
  }
  if ('lon' in changes || 'lat' in changes) Object.assign(changes, { lon: input.lon, lat: input.lat });
  return changes as StationUpdate;
}

/** 新建 / 编辑监测站点. A new station's device credentials come back once, for the caller to show. */
export function StationFormDialog({
  target,
  onClose,
  onSaved,
}: {
  target: StationDialogTarget;
  onClose(): void;
  onSaved(station: Station, credentials: StationCredentials | null): void;
}) {
  const [form] = Form.useForm<StationForm>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const editing = target !== null && target !== 'new' ? target : null;
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (target === null) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing, ...(editing.waterLevels ?? {}), note: editing.note ?? '' });
  }, [target, editing, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const input = toInput(values);
      if (editing) {
        const saved = await updateStation(editing.id, changesOf(editing, input));
        message.success('监测站点已保存');
        onSaved(saved, null);
      } else {
        const { station, credentials } = await createStation(input);
        message.success(`已新建监测站点 ${station.name}`);
        onSaved(station, credentials);
      }
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const required = (label: string) => ({ required: true, message: `请填写${label}` });
  // The same order the contract checks (警戒 ≤ 保证), said next to the field rather than after a round trip.
  const ordered = {
    validator: async () => {
      const { warning, guaranteed } = form.getFieldsValue(['warning', 'guaranteed']);
      if (typeof warning === 'number' && typeof guaranteed === 'number' && warning > guaranteed) {
        throw new Error('警戒水位不应高于保证水位');
      }
    },
  };
  const level = (name: 'warning' | 'guaranteed' | 'historicMax', label: string) => (
    <Col span={8}>
      <Form.Item
        name={name}
        label={`${label}（m）`}
        rules={name === 'guaranteed' ? [ordered] : []}
        dependencies={name === 'guaranteed' ? ['warning'] : []}
      >
        <InputNumber style={{ width: '100%' }} min={-100} max={6000} step={0.01} data-testid={`station-${name}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Modal
      title={editing ? `编辑监测站点 — ${editing.name}` : '新建监测站点'}
      open={target !== null}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={saving}
      okText="保存"
      width={760}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        autoComplete="off"
        initialValues={{ kind: 'rain_gauge', ownerType: 'department', deviceIds: [] }}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="code"
              label="站点编码"
              rules={[required('站点编码'), zodRule(zStationCode)]}
              tooltip="设备上报与 MQTT 主题使用，建成后不可修改"
            >
              <Input disabled={!!editing} data-testid="station-code" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label="名称" rules={[required('名称'), { max: 64, message: '名称最多 64 个字' }]}>
              <Input data-testid="station-name" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="kind" label="站点类型" rules={[required('站点类型')]}>
              <Select options={KIND_OPTIONS} disabled={!!editing} data-testid="station-kind" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="ownerType" label="权属类型" rules={[required('权属类型')]}>
              <Select options={OWNER_TYPE_OPTIONS} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="ownerName"
              label="权属单位"
              rules={[required('权属单位'), { max: 64, message: '权属单位最多 64 个字' }]}
            >
              <Input placeholder="如：县水利局 / 企业名称" data-testid="station-owner" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="deviceIds"
              label="设备编号"
              rules={[{ type: 'array', max: 20, message: '设备编号最多 20 个' }]}
              extra="输入后回车，可填多个（RTU、传感器、探测器）"
            >
              <Select
                mode="tags"
                open={false}
                suffixIcon={null}
                tokenSeparators={[',', '，', ' ']}
                data-testid="station-devices"
              />
            </Form.Item>
          </Col>
          {kind === 'water_level' && (
            <>
              {level('warning', '警戒水位')}
              {level('guaranteed', '保证水位')}
              {level('historicMax', '历史最高水位')}
              <Col span={24}>
                <Typography.Text type="secondary" style={{ display: 'block', marginTop: -12, marginBottom: 12, fontSize: 12 }}>
                  与读数同一基面的高程；水位告警按 接近警戒→蓝、达到警戒→黄、达到保证→橙、达到历史最高→红。
                </Typography.Text>
              </Col>
            </>
          )}
          <LocationFields testIdPrefix="station" />
          <Col span={24}>
            <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注最多 500 字' }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
