import { ReloadOutlined } from '@ant-design/icons';
import type { RevisionOverview } from '@yingji/contracts/plans.ts';
import { ENTERPRISE_PLAN_FORM_NAMES, REVISION_TRIGGER_NAMES } from '@yingji/contracts/plans.ts';
import type { DrillDuePlan, DrillFrequencyOverview } from '@yingji/contracts/plans-drills.ts';
import { Alert, Button, Card, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { navigate } from '../../app/router.ts';
import { useUser } from '../../app/session.tsx';
import { DrillFormDialog } from './DrillFormDialog.tsx';
import { CATEGORY_SHORT } from './labels.ts';
import { DRILLS_PATH, OVERVIEWS_PATH, openPlan } from './planRoutes.ts';
import { DrillDueTag, PlanStateTag, RevisionTag, type RevisionEntry } from './tags.tsx';
import { useDrillOverview, useRevisionOverview } from './useOverviews.ts';

type RevisionDepartment = RevisionOverview['departments'][number];
type DrillDepartment = DrillFrequencyOverview['departments'][number];

const planLink = (id: string, name: string) => (
  <a onClick={() => openPlan(id)} data-testid="overview-plan">
    {name}
  </a>
);
const count = (n: number, color: string) => (n ? <Tag color={color}>{n}</Tag> : <span style={{ color: '#bbb' }}>0</span>);

function RevisionPlans({ plans }: { plans: RevisionEntry[] }) {
  const columns: TableColumnsType<RevisionEntry> = [
    { title: '预案', render: (_v, p) => planLink(p.id, p.name) },
    { title: '类别', dataIndex: 'category', width: 80, render: (c: RevisionEntry['category']) => CATEGORY_SHORT[c] },
    {
      title: '状态',
      dataIndex: 'state',
      width: 100,
      responsive: ['md'],
      render: (s: RevisionEntry['state']) => <PlanStateTag state={s} />,
    },
    { title: '印发日期', dataIndex: 'publishedOn', width: 110, responsive: ['md'], render: (d: string | null) => d ?? '—' },
    { title: '修订到期', dataIndex: 'dueOn', width: 110, render: (d: string | null) => d ?? '—' },
    { title: '提醒', width: 190, render: (_v, p) => <RevisionTag entry={p} showOk /> },
    {
      title: '需修订原因',
      responsive: ['lg'],
      render: (_v, p) =>
        p.flagged ? `${REVISION_TRIGGER_NAMES[p.flagged.trigger]}：${p.flagged.reason}` : p.nextVersionId ? '修订版本编制中' : '',
    },
  ];
  return <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={plans} />;
}

function DrillPlans({ plans, onPlan }: { plans: DrillDuePlan[]; onPlan?(planId: string): void }) {
  const columns: TableColumnsType<DrillDuePlan> = [
    { title: '预案', render: (_v, p) => planLink(p.planId, p.name) },
    {
      title: '类别',
      width: 110,
      render: (_v, p) => (p.enterpriseForm ? ENTERPRISE_PLAN_FORM_NAMES[p.enterpriseForm] : CATEGORY_SHORT[p.category]),
    },
    {
      title: '频次',
      dataIndex: 'intervalMonths',
      width: 100,
      responsive: ['md'],
      render: (m: number) => (m % 12 ? `每 ${m} 个月` : `每 ${m / 12} 年`),
    },
    { title: '上次演练', dataIndex: 'lastDrillOn', width: 110, render: (d: string | null) => d ?? '从未演练' },
    { title: '应演练日期', dataIndex: 'dueOn', width: 110 },
    { title: '状态', width: 120, render: (_v, p) => <DrillDueTag status={p.status} overdueDays={p.overdueDays} /> },
    {
      title: '已安排',
      width: 130,
      render: (_v, p) =>
        p.nextPlannedOn ? (
          <a onClick={() => navigate(DRILLS_PATH)}>{p.nextPlannedOn}</a>
        ) : (
          onPlan &&
          p.status !== 'ok' && (
            <Button size="small" onClick={() => onPlan(p.planId)}>
              安排演练
            </Button>
          )
        ),
    },
  ];
  return <Table rowKey="planId" size="small" pagination={false} columns={columns} dataSource={plans} />;
}

/** Departments with something to chase first; their rows open by default. */
function DepartmentTable<T extends { department: string; overdue: number }>({
  departments,
  columns,
  expand,
  testId,
  attention,
}: {
  departments: T[];
  columns: TableColumnsType<T>;
  expand(d: T): React.ReactNode;
  testId: string;
  attention(d: T): boolean;
}) {
  const [open, setOpen] = useState<string[] | null>(null);
  const keys = open ?? departments.filter(attention).map((d) => d.department);
  return (
    <Table<T>
      rowKey="department"
      size="middle"
      pagination={false}
      columns={columns}
      dataSource={departments}
      data-testid={testId}
      expandable={{ expandedRowRender: expand, expandedRowKeys: keys, onExpandedRowsChange: (k) => setOpen(k as string[]) }}
    />
  );
}

/**
 * 督办提醒 (WF-09, B.10): per 编制单位, plans due or flagged for revision, and plans whose drills are overdue by the
 * configured frequency — the two lists a bureau chases each quarter.
 */
export function OverviewsPage() {
  const user = useUser();
  const { area } = useCurrentArea();
  const [reload, setReload] = useState(0);
  const [tab, setTab] = useState(() => new URLSearchParams(window.location.search).get('tab') ?? 'revisions');
  const [drillFor, setDrillFor] = useState<string | null>(null);
  const revisions = useRevisionOverview(area?.code, reload);
  const drills = useDrillOverview(area?.code, reload);
  const canPlan = can(user, 'plans:edit');

  const revisionColumns: TableColumnsType<RevisionDepartment> = [
    { title: '编制单位', dataIndex: 'department' },
    { title: '现行预案', width: 100, align: 'right', render: (_v, d) => d.plans.length },
    { title: '超期未修订', dataIndex: 'overdue', width: 110, align: 'right', render: (n: number) => count(n, 'red') },
    { title: '已标记需修订', dataIndex: 'flagged', width: 120, align: 'right', render: (n: number) => count(n, 'volcano') },
    {
      title: '即将到期',
      dataIndex: 'dueSoon',
      width: 100,
      align: 'right',
      responsive: ['sm'],
      render: (n: number) => count(n, 'gold'),
    },
  ];
  const drillColumns: TableColumnsType<DrillDepartment> = [
    { title: '编制单位', dataIndex: 'department' },
    { title: '应演练预案', width: 110, align: 'right', render: (_v, d) => d.plans.length },
    { title: '演练超期', dataIndex: 'overdue', width: 100, align: 'right', render: (n: number) => count(n, 'red') },
    { title: '即将到期', dataIndex: 'dueSoon', width: 100, align: 'right', render: (n: number) => count(n, 'gold') },
  ];
  const r = revisions.data;
  const totals = (list: { overdue: number }[]) => list.reduce((s, d) => s + d.overdue, 0);

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`预案演练督办${area ? ` — ${area.name}` : ''}`}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => setReload((n) => n + 1)}>
            刷新
          </Button>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => (setTab(key), window.history.replaceState(null, '', `${OVERVIEWS_PATH}?tab=${key}`))}
          items={[
            {
              key: 'revisions',
              label: <span data-testid="tab-revisions">修订提醒{r ? `（超期 ${totals(r.departments)}）` : ''}</span>,
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {revisions.error && <Alert type="error" showIcon title={revisions.error} />}
                  {r && (
                    <Typography.Text type="secondary">
                      现行预案发布满 {r.years} 年须修订，提前 {r.warnDays}{' '}
                      天提醒；组织机构、应急资源、风险变化或演练发现问题时标记需修订（规则可由管理员调整）。今天：{r.today}
                    </Typography.Text>
                  )}
                  <DepartmentTable<RevisionDepartment>
                    departments={r?.departments ?? []}
                    columns={revisionColumns}
                    expand={(d) => <RevisionPlans plans={d.plans} />}
                    attention={(d) => d.overdue + d.flagged > 0}
                    testId="revision-overview"
                  />
                </Space>
              ),
            },
            {
              key: 'drills',
              label: (
                <span data-testid="tab-drills">演练频次{drills.data ? `（超期 ${totals(drills.data.departments)}）` : ''}</span>
              ),
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  {drills.error && <Alert type="error" showIcon title={drills.error} />}
                  <Typography.Text type="secondary">
                    企业综合、专项预案每年至少演练一次，现场处置方案每半年一次，政府专项和部门预案每 3
                    年至少一次（规则可由管理员调整）。
                  </Typography.Text>
                  <DepartmentTable<DrillDepartment>
                    departments={drills.data?.departments ?? []}
                    columns={drillColumns}
                    expand={(d) => <DrillPlans plans={d.plans} onPlan={canPlan ? setDrillFor : undefined} />}
                    attention={(d) => d.overdue > 0}
                    testId="drill-overview"
                  />
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <DrillFormDialog
        open={drillFor !== null}
        planId={drillFor ?? undefined}
        onClose={() => setDrillFor(null)}
        onSaved={() => setReload((n) => n + 1)}
      />
    </div>
  );
}
