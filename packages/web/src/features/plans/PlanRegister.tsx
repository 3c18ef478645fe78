import { PlusOutlined } from '@ant-design/icons';
import type { Plan, PlanCategory, PlanHazard, PlanState } from '@yingji/contracts/plans.ts';
import { PLAN_EVENT_CLASS_NAMES, PLAN_HAZARD_NAMES } from '@yingji/contracts/plans.ts';
import { Alert, Button, Card, Checkbox, Flex, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { cappedTotalText, fetchEveryPage, useCappedList } from '../../app/useCappedList.ts';
import { CATEGORY_SHORT, CATEGORY_SHORT_OPTIONS, HAZARD_OPTIONS, STATE_OPTIONS } from './labels.ts';
import { PlanFormDialog } from './PlanFormDialog.tsx';
import { openPlan } from './planRoutes.ts';
import { fetchPlans, fetchRevisionOverview, type PlanFilter } from './plansApi.ts';
import { PlanStateTag, RevisionTag } from './tags.tsx';
import { usePlanChoices } from './usePlanChoices.ts';
import { useRevisionOverview } from './useOverviews.ts';

const PAGE_SIZE = 20;

/**
 * 待修订 only: the plans the revision overview counts as overdue or flagged, among those the other filters select.
 * The list route has no such filter, so this reads every matching plan (a county has tens to hundreds) and pages here.
 */
async function overduePlans(filter: PlanFilter, limit: number, offset: number, signal: AbortSignal) {
  const [plans, overview] = await Promise.all([
    fetchEveryPage((l, o) => fetchPlans(filter, l, o, signal)),
    fetchRevisionOverview(filter.areaCode, signal),
  ]);
  const due = new Set(
    overview.departments.flatMap((d) => d.plans.filter((p) => p.status === 'overdue' || p.flagged !== null).map((p) => p.id)),
  );
  const hits = plans.filter((p) => due.has(p.id));
  return {
    items: hits.slice(offset, offset + limit),
    total: hits.length,
    totalCapped: false,
    hasMore: offset + limit < hits.length,
  };
}

function HazardTags({ hazards }: { hazards: PlanHazard[] }) {
  if (hazards.length === 0) return <span style={{ color: '#888' }}>全部灾种</span>;
  const shown = hazards.slice(0, 3);
  return (
    <Tooltip title={hazards.length > 3 ? hazards.map((h) => PLAN_HAZARD_NAMES[h]).join('、') : undefined}>
      <Space size={[2, 2]} wrap>
        {shown.map((h) => (
          <Tag key={h}>{PLAN_HAZARD_NAMES[h]}</Tag>
        ))}
        {hazards.length > 3 && <span style={{ color: '#888' }}>等 {hazards.length} 种</span>}
      </Space>
    </Tooltip>
  );
}

/** 预案管理: the register of the current area (and the plans above it), with its filters, and 登记预案. */
export function PlanRegister() {
  const user = useUser();
  const canEdit = can(user, 'plans:edit');
  const { area } = useCurrentArea();
  const [page, setPage] = useState(1);
  const [category, setCategory] = useState<PlanCategory>();
  const [state, setState] = useState<PlanState>();
  const [hazard, setHazard] = useState<PlanHazard>();
  const [department, setDepartment] = useState<string>();
  const [q, setQ] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const { departmentOptions } = usePlanChoices();
  const revisions = useRevisionOverview(area?.code);
  const filter: PlanFilter = { areaCode: area?.code, category, state, hazard, ownerDepartment: department, q };

  const { rows, total, loading, error, capped } = useCappedList(
    (limit, offset, signal) =>
      overdueOnly ? overduePlans(filter, limit, offset, signal) : fetchPlans(filter, limit, offset, signal),
    page,
    PAGE_SIZE,
    [area?.code, category, state, hazard, department, q, overdueOnly],
  );
  const filtered =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setPage(1);
      set(value);
    };

  const columns: TableColumnsType<Plan> = [
    {
      title: '预案名称',
      dataIndex: 'name',
      render: (name: string, p) => (
        <Space size={4} wrap>
          <a onClick={() => openPlan(p.id)} data-testid="plan-row">
            {name}
          </a>
          {p.version > 1 && <Tag>第 {p.version} 版</Tag>}
          {p.demo && <Tag color="orange">演示</Tag>}
        </Space>
      ),
    },
    {
      title: '类别',
      width: 130,
      responsive: ['sm'],
      render: (_v, p) => (
        <Space size={2} wrap>
          <Tag color="geekblue">{CATEGORY_SHORT[p.category]}</Tag>
          {p.eventClass && <span style={{ color: '#888', fontSize: 12 }}>{PLAN_EVENT_CLASS_NAMES[p.eventClass]}</span>}
        </Space>
      ),
    },
    { title: '编制单位', dataIndex: 'ownerDepartment', width: 130, responsive: ['md'] },
    {
      title: '灾种',
      dataIndex: 'hazardTypes',
      width: 200,
      responsive: ['lg'],
      render: (h: PlanHazard[]) => <HazardTags hazards={h} />,
    },
    { title: '状态', dataIndex: 'state', width: 100, render: (s: PlanState) => <PlanStateTag state={s} /> },
    {
      title: '数字化',
      dataIndex: 'levelCount',
      width: 90,
      responsive: ['md'],
      render: (n: number) => (n > 0 ? <Tag color="blue">{n} 个级别</Tag> : <span style={{ color: '#aaa' }}>未数字化</span>),
    },
    {
      title: '修订',
      width: 170,
      responsive: ['sm'],
      render: (_v, p) => <RevisionTag entry={revisions.byId.get(p.id)} />,
    },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card size="small" title={`预案管理${area ? ` — ${area.name}` : ''}`}>
        <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="plan-filters">
          <Select
            allowClear
            placeholder="类别"
            style={{ width: 110 }}
            options={CATEGORY_SHORT_OPTIONS}
            value={category}
            onChange={filtered(setCategory)}
            data-testid="filter-category"
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            options={STATE_OPTIONS}
            value={state}
            onChange={filtered(setState)}
          />
          <Select
            allowClear
            showSearch
            placeholder="灾种"
            style={{ width: 150 }}
            options={HAZARD_OPTIONS}
            optionFilterProp="label"
            value={hazard}
            onChange={filtered(setHazard)}
            data-testid="filter-hazard"
          />
          <Select
            allowClear
            showSearch
            placeholder="编制单位"
            style={{ width: 170 }}
            options={departmentOptions}
            value={department}
            onChange={filtered(setDepartment)}
          />
          <Input.Search
            allowClear
            placeholder="预案名称"
            style={{ width: 180 }}
            onSearch={(v) => filtered(setQ)(v.trim())}
            data-testid="filter-q"
          />
          <Checkbox
            checked={overdueOnly}
            onChange={(e) => filtered(setOverdueOnly)(e.target.checked)}
            data-testid="filter-overdue"
          >
            待修订（超期或已标记）
          </Checkbox>
          <div style={{ flex: 1 }} />
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-plan">
              登记预案
            </Button>
          )}
        </Flex>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Plan>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="plans-table"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => cappedTotalText(n, capped, '部'),
            onChange: setPage,
          }}
        />
      </Card>
      <PlanFormDialog target={creating ? 'new' : null} onClose={() => setCreating(false)} onSaved={(p) => openPlan(p.id)} />
    </div>
  );
}
