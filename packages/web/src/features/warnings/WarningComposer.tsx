import {
  CHANNEL_NAMES,
  CHANNELS,
  RECIPIENT_GROUP_NAMES,
  RECIPIENT_GROUPS,
  zWarningDraft,
  type Channel,
  type Hazard,
  type RecipientGroup,
  type Warning,
  type WarningDraft,
  type WarningLevel,
} from '@yingji/contracts/warnings.ts';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Spin,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../app/api.ts';
import { validated, zodRule } from '../../app/formRules.ts';
import { navigate } from '../../app/router.ts';
import { useUser } from '../../app/session.tsx';
import { useAreaNames } from '../../app/useAreaNames.ts';
import { AreaMultiSelect } from './AreaMultiSelect.tsx';
import { HAZARD_OPTIONS } from './labels.tsx';
import { LevelPicker } from './LevelPicker.tsx';
import { fromPickerValue, pickerValueIn, toPickerValue } from './shanghaiTime.ts';
import { TargetMap, type DrawnShape } from './TargetMap.tsx';
import { useWarning } from './useWarning.ts';
import { createWarning, editWarning, fetchChannels, fetchTemplates, submitWarning, updateWarning } from './warningsApi.ts';

interface ComposerValues {
  hazard?: Hazard;
  level?: WarningLevel;
  headline: string;
  description: string;
  instruction: string;
  effective: Dayjs | null;
  expires: Dayjs;
  groups: RecipientGroup[];
  channels: Channel[];
  areaCodes: string[];
}

/** new: a fresh draft; edit: change a draft; update: 更新 of a published warning (a new draft that replaces it). */
export type ComposerMode = 'new' | 'edit' | 'update';

const TEXT_FIELDS = ['headline', 'description', 'instruction'] as const;
const DEFAULT_HOURS = 24;
const shape = zWarningDraft.shape;

function initialValues(warning: Warning | null): Partial<ComposerValues> {
  if (!warning) {
    return {
      expires: pickerValueIn(DEFAULT_HOURS),
      effective: null,
      groups: [...RECIPIENT_GROUPS],
      channels: ['sms', 'app'],
      areaCodes: [],
    };
  }
  return {
    hazard: warning.hazard,
    level: warning.level,
    headline: warning.headline,
    description: warning.description,
    instruction: warning.instruction,
    effective: warning.effective ? toPickerValue(warning.effective) : null,
    // An update starts from the published text; its end time may have to move on.
    expires: toPickerValue(warning.expires),
    groups: warning.groups,
    channels: warning.channels,
    areaCodes: warning.target.areaCodes,
  };
}

/** The server's refusal as people read it, with its code for whoever they call about it. */
function serverError(error: unknown): string {
  return error instanceof ApiError ? `${error.message}（${error.code}）` : errorMessage(error);
}

/**
 * 拟稿: hazard and level fill the text from the hazard's template; the officer completes it, sets the times
 * (Beijing time), who receives it and through which channels, and where: townships and villages from the tree and/or
 * a shape drawn on the map.
 */
export function WarningComposer({ mode, id }: { mode: ComposerMode; id: string | null }) {
  const user = useUser();
  const { modal, message } = App.useApp();
  const nameOf = useAreaNames();
  const [form] = Form.useForm<ComposerValues>();
  const { warning, error: loadError } = useWarning(id);
  const [configured, setConfigured] = useState<Channel[] | null>(null);
  const [drawn, setDrawn] = useState<DrawnShape>({ polygon: null, circle: null });
  const [saving, setSaving] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const areaCodes = Form.useWatch('areaCodes', form) ?? [];
  const channels = Form.useWatch('channels', form) ?? [];
  const ready = mode === 'new' || warning !== null;

  useEffect(() => {
    const controller = new AbortController();
    fetchChannels(controller.signal)
      .then(setConfigured)
      .catch(() => !controller.signal.aborted && setConfigured(null));
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (!ready) return;
    form.setFieldsValue(initialValues(warning));
    setDrawn({ polygon: warning?.target.polygon ?? null, circle: warning?.target.circle ?? null });
  }, [ready, warning, form]);

  /** Hazard or level changed: the template's text, after asking before it replaces what the officer wrote. */
  const applyTemplate = async () => {
    const { hazard, level } = form.getFieldsValue(['hazard', 'level']) as Pick<ComposerValues, 'hazard' | 'level'>;
    if (!hazard || !level) return;
    try {
      const template = (await fetchTemplates(level)).find((t) => t.hazard === hazard);
      if (!template) return;
      const fill = () =>
        form.setFieldsValue({
          headline: template.headline,
          description: template.description,
          instruction: template.instruction,
          groups: template.groups,
        });
      const written = TEXT_FIELDS.some((f) => (form.getFieldValue(f) as string | undefined)?.trim());
      if (!written || !form.isFieldsTouched([...TEXT_FIELDS])) return fill();
      modal.confirm({ title: '用模板内容替换已填写的标题、内容和防御指引？', okText: '替换', cancelText: '保留', onOk: fill });
    } catch (e) {
      setError(serverError(e));
    }
  };

  const save = async (andSubmit: boolean) => {
    setError(null);
    const values = await validated(form);
    if (!values) return;
    if (values.areaCodes.length === 0 && !drawn.polygon && !drawn.circle) {
      setError('请选择预警区域（乡镇、村或在地图上画出范围）');
      return;
    }
    const draft: WarningDraft = {
      hazard: values.hazard!,
      level: values.level!,
      headline: values.headline.trim(),
      description: values.description.trim(),
      instruction: values.instruction.trim(),
      effective: values.effective ? fromPickerValue(values.effective) : null,
      expires: fromPickerValue(values.expires),
      target: { areaCodes: values.areaCodes, polygon: drawn.polygon, circle: drawn.circle },
      groups: values.groups,
      channels: values.channels,
      alarmId: warning?.alarmId ?? null,
    };
    setSaving(andSubmit ? 'submit' : 'save');
    let saved: Warning;
    try {
      const { alarmId: _alarmId, ...edit } = draft;
      saved =
        mode === 'new'
          ? await createWarning(draft)
          : mode === 'edit'
            ? await editWarning(id!, edit)
            : await updateWarning(id!, edit);
    } catch (e) {
      setError(serverError(e));
      setSaving(null);
      return;
    }
    // Saved either way: a refused submission is told on the draft's own page, where it can be submitted again.
    if (!andSubmit) message.success('草稿已保存');
    else {
      try {
        await submitWarning(saved.id);
        message.success('已保存并提交审核');
      } catch (e) {
        message.error(`草稿已保存，但提交审核未成功：${serverError(e)}`);
      }
    }
    setSaving(null);
    navigate(`/warnings/${saved.id}`);
  };

  if (loadError) return <Alert type="error" showIcon title={loadError} style={{ margin: 16 }} />;
  if (!ready) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (mode === 'edit' && warning && warning.state !== 'draft') {
    return <Alert type="warning" showIcon title="只有拟稿状态的预警可以修改" style={{ margin: 16 }} />;
  }
  const unconfigured = channels.filter((c) => configured && !configured.includes(c));
  const title = mode === 'new' ? '新建预警' : mode === 'edit' ? '修改预警草稿' : '更新预警（生成更新稿，签发后替代原预警）';

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={title}
        data-testid="warning-composer"
        extra={<Button onClick={() => navigate(id ? `/warnings/${id}` : '/warnings')}>返回</Button>}
      >
        {error && (
          <Alert
            type="error"
            showIcon
            closable
            title={error}
            onClose={() => setError(null)}
            style={{ marginBottom: 12 }}
            data-testid="composer-error"
          />
        )}
        <Form<ComposerValues>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onValuesChange={(changed) => {
            // A refusal was about what was there before; the officer is changing it.
            setError(null);
            if ('hazard' in changed || 'level' in changed) void applyTemplate();
          }}
        >
          <Row gutter={24}>
            <Col xs={24} xl={12}>
              {/* Four level buttons need the column's whole width; the hazard sits above them. */}
              <Form.Item name="hazard" label="灾种" rules={[{ required: true, message: '请选择灾种' }]}>
                <Select options={HAZARD_OPTIONS} placeholder="选择灾种" style={{ maxWidth: 240 }} data-testid="warning-hazard" />
              </Form.Item>
              <Form.Item name="level" label="级别（一级最高）" rules={[{ required: true, message: '请选择预警级别' }]}>
                <LevelPicker />
              </Form.Item>
              <Form.Item
                name="headline"
                label="标题"
                rules={[{ required: true, message: '请填写标题' }, zodRule(shape.headline)]}
              >
                <Input maxLength={80} showCount data-testid="warning-headline" />
              </Form.Item>
              <Form.Item
                name="description"
                label="预警内容"
                rules={[{ required: true, message: '请填写预警内容' }, zodRule(shape.description)]}
              >
                <Input.TextArea rows={4} maxLength={2000} showCount data-testid="warning-description" />
              </Form.Item>
              <Form.Item
                name="instruction"
                label="防御指引"
                rules={[{ required: true, message: '请填写防御指引' }, zodRule(shape.instruction)]}
              >
                <Input.TextArea rows={3} maxLength={1000} showCount data-testid="warning-instruction" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="effective" label="生效时间（北京时间）">
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                      placeholder="不填即签发时生效"
                      data-testid="warning-effective"
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="expires" label="失效时间（北京时间）" rules={[{ required: true, message: '请选择失效时间' }]}>
                    <DatePicker
                      showTime={{ format: 'HH:mm' }}
                      format="YYYY-MM-DD HH:mm"
                      style={{ width: '100%' }}
                      data-testid="warning-expires"
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Col>
            <Col xs={24} xl={12}>
              <Form.Item name="groups" label="接收人" rules={[{ required: true, message: '请至少选择一类接收人' }]}>
                <Checkbox.Group
                  options={RECIPIENT_GROUPS.map((g) => ({ value: g, label: RECIPIENT_GROUP_NAMES[g] }))}
                  data-testid="warning-groups"
                />
              </Form.Item>
              <Form.Item
                name="channels"
                label="发布渠道"
                rules={[{ required: true, message: '请至少选择一个发布渠道' }]}
                extra={
                  unconfigured.length > 0 &&
                  `${unconfigured.map((c) => CHANNEL_NAMES[c]).join('、')}尚未配置：消息将排队等待，渠道接通后自动发出。`
                }
              >
                <Checkbox.Group data-testid="warning-channels">
                  {CHANNELS.map((c) => {
                    const ready = !configured || configured.includes(c);
                    return (
                      <Checkbox key={c} value={c} data-channel={c} data-configured={ready}>
                        <Tooltip title={ready ? undefined : '未配置：消息将排队等待渠道接通'}>
                          <span style={ready ? undefined : { color: '#999' }}>
                            {CHANNEL_NAMES[c]}
                            {!ready && '（未配置）'}
                          </span>
                        </Tooltip>
                      </Checkbox>
                    );
                  })}
                </Checkbox.Group>
              </Form.Item>
              <Form.Item name="areaCodes" label="预警区域：乡镇、村（社区）">
                <AreaMultiSelect nameOf={nameOf} />
              </Form.Item>
              <Typography.Text style={{ display: 'block', marginBottom: 4 }}>预警区域：地图圈定</Typography.Text>
              <TargetMap
                value={drawn}
                onChange={(next) => (setError(null), setDrawn(next))}
                areaCodes={areaCodes}
                scopeCode={user.areaCode}
              />
            </Col>
          </Row>
          <Space style={{ marginTop: 16 }}>
            <Button
              onClick={() => void save(false)}
              loading={saving === 'save'}
              disabled={saving !== null}
              data-testid="composer-save"
            >
              保存草稿
            </Button>
            <Button
              type="primary"
              onClick={() => void save(true)}
              loading={saving === 'submit'}
              disabled={saving !== null}
              data-testid="composer-submit"
            >
              保存并提交审核
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
