import { GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { HAZARD_NAMES, type Hazard, type Warning, type WarningLevel, type WarningState } from '@yingji/contracts/warnings.ts';
import { Alert, Badge, Button, Card, Select, Space, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { can } from '../../app/permissions.ts';
import { navigate } from '../../app/router.ts';
import { useUser } from '../../app/session.tsx';
import { cappedTotalText, useCappedList } from '../../app/useCappedList.ts';
import { STATE_OPTIONS, WarningLevelTag, WarningStateTag } from './labels.tsx';
import { eventWarningId, LIFECYCLE_EVENTS } from './useWarning.ts';
import { countInbox, fetchWarnings } from './warningsApi.ts';

const PAGE_SIZE = 20;
const LIVE_DEBOUNCE_MS = 400;

type ListTab = 'all' | 'inbox';

/** What the inbox row asks of this user. */
function pendingStep(w: Warning): string {
  return w.state === 'reviewing' ? '待我审核' : w.state === 'approved' ? '待我签发' : '';
}

/**
 * 预警列表 and 审批待办: every warning of the user's area, newest first, and the ones waiting for this user's 审核
 * or 签发 (never their own drafts), with a count on the tab. Both follow lifecycle pushes.
 */
export function WarningList({ tab }: { tab: ListTab }) {
  const user = useUser();
  const { lastEvent } = useLiveEvents();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<WarningState>();
  const [reload, setReload] = useState(0);
  const [inboxCount, setInboxCount] = useState<number | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const approver = can(user, 'warnings:review') || can(user, 'warnings:sign');

  useEffect(() => {
    if (!eventWarningId(lastEvent, LIFECYCLE_EVENTS)) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setReload((n) => n + 1), LIVE_DEBOUNCE_MS);
  }, [lastEvent]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  useEffect(() => {
    if (!approver) return;
    const controller = new AbortController();
    countInbox(controller.signal)
      .then(setInboxCount)
      .catch(() => undefined); // the badge keeps its last number
    return () => controller.abort();
  }, [approver, reload]);

  const inbox = tab === 'inbox';
  const { rows, total, capped, loading, error } = useCappedList(
    (limit, offset, signal) => fetchWarnings({ state: inbox ? undefined : state, inbox }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [inbox, state, reload],
  );

  const columns: TableColumnsType<Warning> = [
    { title: '级别', dataIndex: 'level', width: 130, render: (level: WarningLevel) => <WarningLevelTag level={level} /> },
    { title: '灾种', dataIndex: 'hazard', width: 90, render: (h: Hazard) => HAZARD_NAMES[h] },
    {
      title: '标题',
      dataIndex: 'headline',
      render: (headline: string, w) => (
        <Space size={4}>
          <a onClick={() => navigate(`/warnings/${w.id}`)} data-testid="warning-row">
            {headline}
          </a>
          {w.msgType === 'Update' && <Tag color="purple">更新</Tag>}
          {w.source === 'cap_import' && <Tag color="geekblue">外部导入</Tag>}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 150,
      render: (s: WarningState, w) => (
        <Space size={4}>
          <WarningStateTag state={s} />
          {inbox && <Tag color="volcano">{pendingStep(w)}</Tag>}
        </Space>
      ),
    },
    { title: '起草人', dataIndex: 'draftedBy', width: 100 },
    { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: (at: string | null) => formatInstant(at) },
    { title: '失效时间', dataIndex: 'expires', width: 170, render: (at: string) => formatInstant(at) },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title="预警发布"
        extra={
          <Space wrap>
            {!inbox && (
              <Select
                allowClear
                placeholder="状态"
                style={{ width: 110 }}
                options={STATE_OPTIONS}
                value={state}
                onChange={(v) => (setPage(1), setState(v))}
                data-testid="warnings-state-filter"
              />
            )}
            <Button icon={<GlobalOutlined />} href="/public/warnings" target="_blank">
              公众预警页
            </Button>
            {can(user, 'warnings:draft') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/warnings/new')} data-testid="warning-new">
                新建预警
              </Button>
            )}
          </Space>
        }
      >
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            setPage(1);
            navigate(key === 'inbox' ? '/warnings/inbox' : '/warnings');
          }}
          items={[
            { key: 'all', label: '全部预警' },
            ...(approver
              ? [
                  {
                    key: 'inbox',
                    label: (
                      <span data-testid="warnings-inbox-tab" data-count={inboxCount ?? ''}>
                        审批待办 <Badge count={inboxCount ?? 0} size="small" overflowCount={99} />
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Warning>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="warnings-table"
          onRow={(w) => ({ style: w.state === 'published' ? { background: '#fffaf0' } : {} })}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: () => cappedTotalText(total, capped, '条'),
            onChange: setPage,
          }}
        />
      </Card>
    </div>
  );
}
