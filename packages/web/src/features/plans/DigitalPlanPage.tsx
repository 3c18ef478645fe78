import { ArrowLeftOutlined, PlusOutlined, SafetyCertificateOutlined, SaveOutlined } from '@ant-design/icons';
import type { PlanDetail } from '@yingji/contracts/plans.ts';
import {
  RESPONSE_LEVELS,
  type DigitalPlan,
  type DigitalValidation,
  type ResponseLevel,
} from '@yingji/contracts/plans-digital.ts';
import { Alert, App, Badge, Button, Card, Col, Dropdown, Flex, Popconfirm, Row, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { useUser } from '../../app/session.tsx';
import { CommandEditor } from './CommandEditor.tsx';
import { contentErrors } from './digitalText.ts';
import { LEVEL_NUMERALS, mayEditPlan } from './labels.ts';
import { LevelEditor } from './LevelEditor.tsx';
import { openPlan } from './planRoutes.ts';
import { fetchDigital, fetchPlan, saveDigital, validateDigital } from './plansApi.ts';
import { PlanStateTag } from './tags.tsx';
import { ValidationPanel } from './ValidationPanel.tsx';

/** Every department the plan names (指挥部 members, groups, tasks), offered when a department is typed in. */
function departmentsOf(d: DigitalPlan) {
  const names = new Set<string>([
    d.command.headquarters.office,
    ...d.command.headquarters.memberDepartments,
    ...d.command.groups.flatMap((g) => [g.leadDepartment, ...g.departments]),
    ...d.levels.flatMap((l) => [...l.tasks, ...l.resources, ...l.warnings].map((x) => x.department)),
  ]);
  names.delete('');
  return [...names].map((n) => ({ value: n, label: n }));
}

const newLevel = (level: ResponseLevel) => ({ level, commander: null, triggers: [], tasks: [], resources: [], warnings: [] });

/**
 * 数字化预案: the command structure and levels Ⅳ → Ⅰ as tables. Anyone who reads the plan can read it and run 校验;
 * while the version is 编制中 its editors change it and save it (PUT, a whole replacement).
 */
export function DigitalPlanPage({ id }: { id: string }) {
  const user = useUser();
  const { message } = App.useApp();
  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [digital, setDigital] = useState<DigitalPlan | null>(null);
  const [saved, setSaved] = useState<string>('');
  const [validation, setValidation] = useState<DigitalValidation | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [tab, setTab] = useState<string>('command');
  const [busy, setBusy] = useState<'validate' | 'save' | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([fetchPlan(id, controller.signal), fetchDigital(id, controller.signal)])
      .then(([p, view]) => {
        setPlan(p);
        setDigital(view.digital);
        setSaved(JSON.stringify(view.digital));
        setValidation(view.validation);
        setTab(view.digital.levels[0]?.level ?? 'command');
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [id]);

  const departments = useMemo(() => (digital ? departmentsOf(digital) : []), [digital]);
  if (error) return <Alert type="error" showIcon title={error} style={{ margin: 16 }} />;
  if (!plan || !digital) return <Spin style={{ display: 'block', margin: 48 }} />;

  const editable = plan.state === 'drafting' && mayEditPlan(user, plan);
  const dirty = JSON.stringify(digital) !== saved;
  const groups = digital.command.groups.map((g) => ({ value: g.code, label: g.name || g.code }));
  const issues = validation?.issues ?? [];
  const missing = RESPONSE_LEVELS.filter((l) => !digital.levels.some((x) => x.level === l));
  const setLevels = (levels: DigitalPlan['levels']) =>
    setDigital({
      ...digital,
      levels: [...levels].sort((a, b) => RESPONSE_LEVELS.indexOf(a.level) - RESPONSE_LEVELS.indexOf(b.level)),
    });

  const validate = async () => {
    const found = contentErrors(digital);
    setProblems(found);
    setCheckedAt(`校验于 ${formatInstant(new Date().toISOString()).slice(11)}`);
    if (found.length) return;
    setBusy('validate');
    try {
      const result = await validateDigital(plan.hazardTypes, digital);
      setValidation(result);
      const errors = result.issues.filter((i) => i.severity === 'error').length;
      message.info(`校验完成：${errors} 个错误，${result.issues.length - errors} 个警告`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const save = async () => {
    const found = contentErrors(digital);
    setProblems(found);
    if (found.length) return void message.error('内容有误，请按校验结果修改后再保存');
    setBusy('save');
    try {
      const view = await saveDigital(plan.id, digital);
      setDigital(view.digital);
      setSaved(JSON.stringify(view.digital));
      setValidation(view.validation);
      setCheckedAt(null);
      message.success('数字化预案已保存');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const levelTab = (l: DigitalPlan['levels'][number]) => {
    const count = issues.filter((i) => i.levels.includes(l.level)).length;
    const hasError = issues.some((i) => i.levels.includes(l.level) && i.severity === 'error');
    return {
      key: l.level,
      label: (
        <Badge count={count} size="small" color={hasError ? 'red' : 'orange'} offset={[8, -2]}>
          <span data-testid={`tab-${l.level}`}>{LEVEL_NUMERALS[l.level]}响应</span>
        </Badge>
      ),
      children: (
        <>
          {editable && (
            <Popconfirm
              title={`删除${LEVEL_NUMERALS[l.level]}响应及其全部内容？`}
              onConfirm={() => setLevels(digital.levels.filter((x) => x.level !== l.level))}
            >
              <Button danger size="small" style={{ marginBottom: 8 }}>
                删除本级别
              </Button>
            </Popconfirm>
          )}
          <LevelEditor
            level={l}
            hazards={plan.hazardTypes}
            departments={departments}
            groups={groups}
            issues={issues}
            editable={editable}
            onChange={(next) => setLevels(digital.levels.map((x) => (x.level === l.level ? next : x)))}
          />
        </>
      ),
    };
  };

  return (
    <div style={{ padding: 16 }} data-testid="digital-plan">
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex wrap gap={8} align="center">
          <Button icon={<ArrowLeftOutlined />} onClick={() => openPlan(plan.id)}>
            预案详情
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }}>
            数字化预案 — {plan.name}
          </Typography.Title>
          <Tag>第 {plan.version} 版</Tag>
          <PlanStateTag state={plan.state} />
          {dirty && <Tag color="orange">有未保存的修改</Tag>}
        </Flex>
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          <Button
            icon={<SafetyCertificateOutlined />}
            loading={busy === 'validate'}
            onClick={() => void validate()}
            data-testid="digital-validate"
          >
            校验
          </Button>
          {editable && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={busy === 'save'}
              disabled={!dirty}
              onClick={() => void save()}
              data-testid="digital-save"
            >
              保存
            </Button>
          )}
          {editable && missing.length > 0 && (
            <Dropdown
              menu={{
                items: missing.map((l) => ({ key: l, label: `${LEVEL_NUMERALS[l]}响应` })),
                onClick: ({ key }) => (setLevels([...digital.levels, newLevel(key as ResponseLevel)]), setTab(key)),
              }}
            >
              <Button icon={<PlusOutlined />} data-testid="level-add">
                添加响应级别
              </Button>
            </Dropdown>
          )}
        </Flex>
        {!editable && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 12 }}
            title={
              plan.state === 'drafting'
                ? '您可以查看和校验本预案，修改须由编制单位进行。'
                : '本版本不在编制中，只能查看和校验；如需修改，请在预案详情中“修订”生成新版本。'
            }
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          <Card size="small">
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                {
                  key: 'command',
                  label: <span data-testid="tab-command">指挥机构</span>,
                  children: (
                    <CommandEditor
                      command={digital.command}
                      departments={departments}
                      editable={editable}
                      onChange={(command) => setDigital({ ...digital, command })}
                    />
                  ),
                },
                ...digital.levels.map(levelTab),
              ]}
            />
            {digital.levels.length === 0 && (
              <Alert
                type="warning"
                showIcon
                title="尚无响应级别：数字化预案须至少有一个响应级别才能发布。"
                style={{ marginTop: 12 }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={6}>
          <div style={{ position: 'sticky', top: 0 }}>
            <ValidationPanel validation={validation} contentErrors={problems} checkedAt={checkedAt} onOpenLevel={setTab} />
          </div>
        </Col>
      </Row>
    </div>
  );
}
