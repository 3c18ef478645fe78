import { ApartmentOutlined, ArrowLeftOutlined, DeleteOutlined, EditOutlined } from '@ant-design/icons';
import type { PlanDetail, PlanLink } from '@yingji/contracts/plans.ts';
import {
  CATALOGUE_MARK_NAMES,
  ENTERPRISE_PLAN_FORM_NAMES,
  PLAN_CATEGORY_NAMES,
  PLAN_EVENT_CLASS_NAMES,
  PLAN_HAZARD_NAMES,
  REVISION_TRIGGER_NAMES,
} from '@yingji/contracts/plans.ts';
import type { DigitalPlanView } from '@yingji/contracts/plans-digital.ts';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useUser } from '../../app/session.tsx';
import { mayEditPlan } from './labels.ts';
import { PlanAttachments } from './PlanAttachments.tsx';
import { PlanCards } from './PlanCards.tsx';
import { PlanFormDialog } from './PlanFormDialog.tsx';
import { openDigitalPlan, openPlan, openRegister } from './planRoutes.ts';
import { deletePlan, fetchDigital, fetchPlan } from './plansApi.ts';
import { PlanSteps } from './PlanSteps.tsx';
import { PlanReview, PlanTimeline } from './PlanTimeline.tsx';
import { LevelTag, PlanStateTag, RevisionTag } from './tags.tsx';
import { useRevisionOverview } from './useOverviews.ts';

function PlanLinkTag({ link }: { link: PlanLink }) {
  return (
    <a onClick={() => openPlan(link.id)} data-testid="plan-link" style={{ marginRight: 12, whiteSpace: 'nowrap' }}>
      {link.name}
      <span style={{ color: '#888' }}> 第 {link.version} 版</span>
    </a>
  );
}

const links = (list: PlanLink[]): ReactNode => (list.length ? list.map((l) => <PlanLinkTag key={l.id} link={l} />) : '—');

/** 预案详情: the particulars, 上下衔接, lifecycle steps and timeline, attachments, and the 应急处置卡 of its digital plan. */
export function PlanDetailPage({ id }: { id: string }) {
  const user = useUser();
  const { message } = App.useApp();
  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [digital, setDigital] = useState<DigitalPlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [editing, setEditing] = useState(false);
  const revisions = useRevisionOverview(undefined, reload);
  const refresh = () => setReload((n) => n + 1);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    Promise.all([fetchPlan(id, controller.signal), fetchDigital(id, controller.signal)])
      .then(([p, d]) => (setPlan(p), setDigital(d)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [id, reload]);

  const changed = (next: PlanDetail) => {
    if (next.id !== id) openPlan(next.id);
    else setPlan(next);
    refresh();
  };
  const remove = async () => {
    try {
      await deletePlan(id);
      message.success('预案版本已删除');
      openRegister();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={openRegister}>
      预案管理
    </Button>
  );
  if (error)
    return (
      <div style={{ padding: 16 }}>
        <Alert type="error" showIcon title={error} action={back} />
      </div>
    );
  if (!plan) return <Spin style={{ display: 'block', margin: 48 }} />;

  const canEdit = mayEditPlan(user, plan);
  const drafting = plan.state === 'drafting';
  const flagged = plan.revision.flagged;
  return (
    <div style={{ padding: 16 }} data-testid="plan-detail">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
            {back}
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="plan-title">
              {plan.name}
            </Typography.Title>
            <Tag>第 {plan.version} 版</Tag>
            <PlanStateTag state={plan.state} />
            <RevisionTag entry={revisions.byId.get(plan.id)} showOk />
            {plan.demo && <Tag color="orange">演示数据</Tag>}
          </Flex>
          <Flex wrap gap={8}>
            <Button icon={<ApartmentOutlined />} onClick={() => openDigitalPlan(plan.id)} data-testid="open-digital">
              数字化预案{plan.levelCount > 0 ? `（${plan.levelCount} 个响应级别）` : '（未数字化）'}
            </Button>
            {canEdit && drafting && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="plan-edit">
                修改基本信息
              </Button>
            )}
            {canEdit && drafting && (
              <Popconfirm title="删除这个编制中的预案版本（连同附件）？" onConfirm={() => void remove()}>
                <Button danger icon={<DeleteOutlined />}>
                  删除
                </Button>
              </Popconfirm>
            )}
            <PlanSteps plan={plan} onChanged={changed} />
          </Flex>
          {plan.nextVersionId && (
            <Alert
              type="info"
              showIcon
              style={{ marginTop: 12 }}
              title="该预案已有正在编制的修订版本；新版本发布前本版本继续有效。"
              action={<Button onClick={() => openPlan(plan.nextVersionId!)}>打开修订版本</Button>}
            />
          )}
          {flagged && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={`需修订（${REVISION_TRIGGER_NAMES[flagged.trigger]}）：${flagged.reason}`}
              data-testid="revision-flag"
            />
          )}
        </Card>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Card size="small" title="基本信息">
                <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} styles={{ label: { whiteSpace: 'nowrap' } }}>
                  <Descriptions.Item label="类别">
                    {PLAN_CATEGORY_NAMES[plan.category]}
                    {plan.enterpriseForm && ` · ${ENTERPRISE_PLAN_FORM_NAMES[plan.enterpriseForm]}`}
                  </Descriptions.Item>
                  <Descriptions.Item label="事件类别">
                    {plan.eventClass ? PLAN_EVENT_CLASS_NAMES[plan.eventClass] : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="编制单位">{plan.ownerDepartment}</Descriptions.Item>
                  <Descriptions.Item label="所属区划">{plan.areaName ?? plan.areaCode}</Descriptions.Item>
                  <Descriptions.Item label="灾种" span={2}>
                    {plan.hazardTypes.length
                      ? plan.hazardTypes.map((h) => <Tag key={h}>{PLAN_HAZARD_NAMES[h]}</Tag>)
                      : '全部灾种'}
                  </Descriptions.Item>
                  <Descriptions.Item label="公开">{plan.public ? '向社会公开' : '内部'}</Descriptions.Item>
                  <Descriptions.Item label="规划标记">
                    {plan.catalogueMark ? CATALOGUE_MARK_NAMES[plan.catalogueMark] : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="印发">
                    {plan.publishedOn ? `${plan.publishedOn}${plan.documentNumber ? ` ${plan.documentNumber}` : ''}` : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="备案">
                    {plan.filing ? `${plan.filing.number}（${plan.filing.filedWith}，${plan.filing.filedOn}）` : '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label="修订到期">{plan.revision.dueOn ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label="响应级别">
                    {digital?.digital.levels.length
                      ? digital.digital.levels.map((l) => <LevelTag key={l.level} level={l.level} />)
                      : '未数字化'}
                  </Descriptions.Item>
                  {plan.summary && (
                    <Descriptions.Item label="简介" span={2}>
                      {plan.summary}
                    </Descriptions.Item>
                  )}
                </Descriptions>
              </Card>
              <Card size="small" title="上下衔接">
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="上级预案">{plan.parent ? <PlanLinkTag link={plan.parent} /> : '—'}</Descriptions.Item>
                  <Descriptions.Item label="相关预案">{links(plan.related)}</Descriptions.Item>
                  <Descriptions.Item label="下级预案">
                    <div style={{ maxHeight: 120, overflowY: 'auto' }}>{links(plan.children)}</div>
                  </Descriptions.Item>
                  <Descriptions.Item label="各版本">{links(plan.versions)}</Descriptions.Item>
                </Descriptions>
              </Card>
              {digital && <PlanCards planId={plan.id} digital={digital.digital} />}
              <PlanAttachments plan={plan} canEdit={canEdit} onChanged={refresh} />
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <PlanReview plan={plan} />
              <PlanTimeline plan={plan} />
            </Space>
          </Col>
        </Row>
      </Space>
      <PlanFormDialog target={editing ? plan : null} onClose={() => setEditing(false)} onSaved={changed} />
    </div>
  );
}
