import type { Alarm, AlarmState } from '@yingji/contracts/alarms.ts';
import { ALARM_STATE_LABELS } from '@yingji/contracts/alarms.ts';
import type { AlarmLevel, StationKind } from '@yingji/contracts/monitoring.ts';
import { Alert, Button, Card, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useCurrentArea } from '../../app/currentArea.tsx';
import { formatInstant } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { can } from '../../app/permissions.ts';
import { useUser } from '../../app/session.tsx';
import { usePagedList } from '../../app/usePagedList.ts';
import { AckDialog } from './AckDialog.tsx';
import { AlarmDrawer } from './AlarmDrawer.tsx';
import { ALARM_STATE_OPTIONS, KIND_OPTIONS, LEVEL_OPTIONS, alarmValue, kindLabel, ruleLabel } from './labels.ts';
import { fetchAlarms } from './monitoringApi.ts';
import { useRouteId } from './routeId.ts';
import { LevelTag } from './tags.tsx';

const PAGE_SIZE = 20;
/** A burst of alarm events (a storm over many gauges) reloads the list once. */
const LIVE_DEBOUNCE_MS = 400;

/** 告警: the alarms of the current area, newest first, refreshed live; 确认 with a note, and the detail. */
export function AlarmsPage() {
  const user = useUser();
  const canAct = can(user, 'alarms:ack');
  const { area } = useCurrentArea();
  const { lastEvent } = useLiveEvents();
  const [page, setPage] = useState(1);
  const [state, setState] = useState<AlarmState | undefined>('active');
  const [levels, setLevels] = useState<AlarmLevel[]>([]);
  const [stationKind, setStationKind] = useState<StationKind>();
  const [acknowledged, setAcknowledged] = useState<boolean>();
  const [reload, setReload] = useState(0);
  const [detail, setDetail] = useRouteId('/monitoring/alarms');
  const [acking, setAcking] = useState<Alarm | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const refresh = () => setReload((n) => n + 1);

  useEffect(() => {
    if (!lastEvent?.type.startsWith('alarm.')) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(refresh, LIVE_DEBOUNCE_MS);
  }, [lastEvent]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const { rows, total, loading, error } = usePagedList(
    (limit, offset, signal) =>
      fetchAlarms({ areaCode: area?.code, state, levels, stationKind, acknowledged }, limit, offset, signal),
    page,
    PAGE_SIZE,
    [area?.code, state, levels.join(), stationKind, acknowledged, reload],
  );

  const columns: TableColumnsType<Alarm> = [
    {
      title: '级别',
      dataIndex: 'level',
      width: 120,
      render: (level: AlarmLevel, a) => (
        <Space size={2}>
          <LevelTag level={level} testId="alarm-level" />
          {a.peakLevel !== level && <LevelTag level={a.peakLevel} suffix="（最高）" />}
        </Space>
      ),
    },
    {
      title: '站点',
      dataIndex: 'stationName',
      render: (name: string, a) => (
        <Space orientation="vertical" size={0}>
          <a onClick={() => setDetail(a.id)} data-testid="alarm-row">
            {name}
          </a>
          <span style={{ color: '#888', fontSize: 12 }}>{kindLabel(a.stationKind)}</span>
        </Space>
      ),
    },
    { title: '告警规则', dataIndex: 'rule', width: 120, render: (rule: string) => ruleLabel(rule) },
    { title: '内容', dataIndex: 'message', ellipsis: true },
    { title: '测值', width: 110, align: 'right', render: (_v, a) => alarmValue(a.rule, a.value) },
    { title: '发生时间', dataIndex: 'raisedAt', width: 170, render: (at: string) => formatInstant(at) },
    {
      title: '状态',
      dataIndex: 'state',
      width: 90,
      render: (s: AlarmState) => <Tag color={s === 'active' ? 'red' : 'green'}>{ALARM_STATE_LABELS[s]}</Tag>,
    },
    {
      title: '确认',
      width: 110,
      render: (_v, a) =>
        a.acknowledgedAt ? (
          <Tag data-testid="alarm-acked">已确认</Tag>
        ) : canAct ? (
          <Button size="small" danger onClick={() => setAcking(a)} data-testid="alarm-row-ack">
            确认
          </Button>
        ) : (
          <Tag color="volcano">未确认</Tag>
        ),
    },
  ];

  return (
    <div style={{ padding: 16 }}>
      <Card
        size="small"
        title={`告警${area ? ` — ${area.name}` : ''}`}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 100 }}
              options={ALARM_STATE_OPTIONS}
              value={state}
              onChange={(v) => (setPage(1), setState(v))}
              data-testid="alarms-state-filter"
            />
            <Select
              mode="multiple"
              allowClear
              placeholder="级别"
              style={{ minWidth: 120 }}
              options={LEVEL_OPTIONS}
              value={levels}
              onChange={(v) => (setPage(1), setLevels(v))}
              data-testid="alarms-level-filter"
            />
            <Select
              allowClear
              placeholder="站点类型"
              style={{ width: 170 }}
              options={KIND_OPTIONS}
              value={stationKind}
              onChange={(v) => (setPage(1), setStationKind(v))}
            />
            <Select
              allowClear
              placeholder="确认情况"
              style={{ width: 110 }}
              options={[
                { value: false, label: '未确认' },
                { value: true, label: '已确认' },
              ]}
              value={acknowledged}
              onChange={(v) => (setPage(1), setAcknowledged(v))}
              data-testid="alarms-ack-filter"
            />
          </Space>
        }
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Table<Alarm>
          rowKey="id"
          size="middle"
          loading={loading}
          columns={columns}
          dataSource={rows}
          data-testid="alarms-table"
          onRow={(a) => ({ style: a.state === 'active' && !a.acknowledgedAt ? { background: '#fffaf0' } : {} })}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total,
            showSizeChanger: false,
            showTotal: (n) => `共 ${n} 条`,
            onChange: setPage,
          }}
        />
      </Card>
      <AlarmDrawer
        alarmId={detail}
        reloadKey={reload}
        canAct={canAct}
        onClose={() => setDetail(null)}
        onAcknowledge={setAcking}
      />
      <AckDialog alarm={acking} onClose={() => setAcking(null)} onDone={refresh} />
    </div>
  );
}
