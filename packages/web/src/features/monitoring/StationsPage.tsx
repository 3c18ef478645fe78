import { PlusOutlined } from '@ant-design/icons';
import {
  METRIC_INFO,
  type Station,
  type StationCredentials,
  type StationKind,
  type StationState,
} from '@yingji/contracts/monitoring.ts';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { formatInstant } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { usePagedList } from '../../app/usePagedList.ts';
// The shelters register's Excel buttons serve any register whose routes sit at /api/<path>/{template,export,import}.
import { ExcelButtons } from '../../app/excel/ExcelButtons.tsx';
import { useAreaNames } from '../../app/useAreaNames.ts';
import { CredentialsDialog } from './CredentialsDialog.tsx';
import { ImportedCredentialsDialog } from './ImportedCredentialsDialog.tsx';
import { KIND_OPTIONS, STATE_OPTIONS, kindLabel, metricText } from './labels.ts';
import { fetchStations } from './monitoringApi.ts';
import { useRouteId } from './routeId.ts';
import { StationDrawer } from './StationDrawer.tsx';
import { StationFormDialog, type StationDialogTarget } from './StationFormDialog.tsx';
import { StateTag } from './tags.tsx';

const PAGE_SIZE = 20;
/** Pushes that change what the list shows (not monitoring.latest: once a second during a storm is too often). */
const LIST_EVENTS = new Set(['monitoring.stations_changed', 'monitoring.station_state']);

/** 监测站点: the register of the current area, with each station's state and newest values at a glance. */
export function StationsPage() {
  const user = useUser();
  const canEdit = can(user, 'monitoring:write');
  const { area } = useCurrentArea();
  const areaName = useAreaNames();
  const { lastEvent } = useLiveEvents();
  const [page, setPage] = useState(1);
  const [kind, setKind] = useState<StationKind>();
  const [state, setState] = useState<StationState>();
  const [q, setQ] = useState('');
  const [reload, setReload] = useState(0);
  const [dialog, setDialog] = useState<StationDialogTarget>(null);
  const [credentials, setCredentials] = useState<StationCredentials | null>(null);
  const [imported, setImported] = useState<StationCredentials[] | null>(null);
  const [detail, setDetail] = useRouteId('/monitoring/stations');
  const refresh = () => setReload((n) => n + 1);

  useEffect(() => {
    if (lastEvent && LIST_EVENTS.has(lastEvent.type)) refresh();
  }, [lastEvent]);

  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) => fetchStations({ areaCode: area?.code, kind, state, q }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [area?.code, kind, state, q, reload],
  );

  const columns: TableColumnsType<Station> = [
    {
      title: '名称',
      dataIndex: 'name',
      width: 210,
      render: (name: string, s) => (
        <Space size={4}>
          <a onClick={() => setDetail(s.id)} data-testid="station-row">
            {name}
          </a>
          {s.demo && <Tag color="orange">演示</Tag>}
        </Space>
      ),
    },
    { title: '编码', dataIndex: 'code', width: 110 },
    { title: '类型', dataIndex: 'kind', width: 130, render: (k: StationKind) => kindLabel(k) },
    { title: '状态', dataIndex: 'state', width: 70, render: (s: StationState) => <StateTag state={s} /> },
    { title: '所在区划', dataIndex: 'areaCode', width: 160, render: (code: string) => areaName(code) },
    { title: '权属单位', dataIndex: 'ownerName', width: 140, ellipsis: true },
    {
      title: '最新值',
      width: 180,
      render: (_v, s) =>
        s.latest.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Space orientation="vertical" size={0}>
            {s.latest.slice(0, 2).map((v) => (
              <span key={v.metric} style={{ fontSize: 12 }}>
                {METRIC_INFO[v.metric].label} {metricText(v.metric, v.value)}
              </span>
            ))}
          </Space>
        ),
    },
    {
      title: '最后上报',
      dataIndex: 'lastReadingAt',
      width: 120,
      // MM-DD HH:mm; the full instant on hover.
      render: (at: string | null) => <span title={formatInstant(at)}>{at ? formatInstant(at).slice(5, 16) : '—'}</span>,
    },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`监测站点${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="站点类型"
              style={{ width: 170 }}
              options={KIND_OPTIONS}
              value={kind}
              onChange={(v) => (setPage(1), setKind(v))}
              data-testid="stations-kind-filter"
            />
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 90 }}
              options={STATE_OPTIONS}
              value={state}
              onChange={(v) => (setPage(1), setState(v))}
              data-testid="stations-state-filter"
            />
            <Input.Search
              allowClear
              placeholder="名称"
              style={{ width: 160 }}
              onSearch={(v) => (setPage(1), setQ(v.trim()))}
              data-testid="stations-search"
            />
            <ExcelButtons
              basePath="/api/monitoring/stations"
              testId="stations"
              canImport={canEdit}
              onImported={(result) => {
                refresh();
                setImported((result.credentials as StationCredentials[] | undefined) ?? null);
              }}
            />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('new')} data-testid="create-station">
                新建
              </Button>
            )}
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Station>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="stations-table"
          scroll={{ x: 1120 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 个站点`,
            onChange: setPage,
          }}
        />
      </Card>
      <StationDrawer
        stationId={detail}
        reloadKey={reload}
        areaName={areaName}
        canEdit={canEdit}
        onClose={() => setDetail(null)}
        onEdit={(s) => {
          // The dialog would open under the drawer: close it, and come back to it after saving.
          setDetail(null);
          setDialog(s);
        }}
        onCredentials={setCredentials}
        onChanged={refresh}
      />
      <StationFormDialog
        target={dialog}
        onClose={() => setDialog(null)}
        onSaved={(s, issued) => {
          refresh();
          if (issued) setCredentials(issued);
          if (dialog !== 'new') setDetail(s.id);
        }}
      />
      <CredentialsDialog credentials={credentials} onClose={() => setCredentials(null)} />
      <ImportedCredentialsDialog list={imported} onClose={() => setImported(null)} />
    </div>
  );
}
