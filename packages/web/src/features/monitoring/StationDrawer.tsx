import type { Alarm } from '@yingji/contracts/alarms.ts';
import {
  METRIC_INFO,
  STATION_OWNER_TYPE_LABELS,
  type LatestValue,
  type Station,
  type StationCredentials,
} from '@yingji/contracts/monitoring.ts';
import {
  Alert,
  App,
  Button,
  type ButtonProps,
  Card,
  Descriptions,
  Drawer,
  Popconfirm,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Row,
  Col,
} from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { navigate } from '../../app/router.ts';
import { kindLabel, metricText, rejectReasonLabel } from './labels.ts';
import { LazyStationCharts } from './LazyStationCharts.tsx';
import { deleteStation, fetchAlarms, fetchStation, rotateCredentials, updateStation } from './monitoringApi.ts';
import { eventStationId } from './routeId.ts';
import { LevelTag, StateTag } from './tags.tsx';

/** Newer values from a monitoring.latest push replace the station's older ones, metric by metric. */
function mergeLatest(current: LatestValue[], pushed: LatestValue[]): LatestValue[] {
  const byMetric = new Map(current.map((v) => [v.metric, v]));
  for (const v of pushed) {
    const old = byMetric.get(v.metric);
    if (!old || old.at <= v.at) byMetric.set(v.metric, v);
  }
  return [...byMetric.values()];
}

/**
 * One station: where it is, whose it is, its devices, 特征水位, what its devices sent (latest values, accepted and
 * refused counts), its active alarms and its charts; and the keeper's actions (edit, new credentials, fault, delete).
 */
export function StationDrawer({
  stationId,
  reloadKey,
  areaName,
  canEdit,
  onClose,
  onEdit,
  onCredentials,
  onChanged,
}: {
  stationId: string | null;
  reloadKey: number;
  areaName(code: string): string;
  canEdit: boolean;
  onClose(): void;
  onEdit(station: Station): void;
  onCredentials(credentials: StationCredentials): void;
  onChanged(): void;
}) {
  const { message } = App.useApp();
  const { lastEvent } = useLiveEvents();
  const [station, setStation] = useState<Station | null>(null);
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A state change or an alarm of this station reads it again; latest values are patched in place (below).
  const stale = stationId && eventStationId(lastEvent) === stationId ? lastEvent!.at : '';

  useEffect(() => {
    setError(null);
    if (!stationId) return setStation(null);
    const controller = new AbortController();
    Promise.all([
      fetchStation(stationId, controller.signal),
      fetchAlarms({ stationId, state: 'active' }, 50, 0, controller.signal).catch(() => ({ items: [] as Alarm[], total: 0 })),
    ])
      .then(([s, a]) => (setStation(s), setAlarms(a.items)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [stationId, reloadKey, stale]);

  useEffect(() => {
    if (lastEvent?.type !== 'monitoring.latest' || !stationId) return;
    const pushed = (lastEvent.data as { stations?: { id: string; latest: LatestValue[] }[] } | null)?.stations?.find(
      (s) => s.id === stationId,
    );
    if (pushed) setStation((s) => s && { ...s, latest: mergeLatest(s.latest, pushed.latest) });
  }, [lastEvent, stationId]);

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const rotate = () =>
    act(async () => {
      onCredentials(await rotateCredentials(station!.id));
    });
  const setFault = (fault: boolean) =>
    act(async () => {
      setStation(await updateStation(station!.id, { fault }));
      message.success(fault ? '已标记为故障' : '已解除故障');
      onChanged();
    });
  const remove = () =>
    act(async () => {
      await deleteStation(station!.id);
      message.success('已删除监测站点');
      onChanged();
      onClose();
    });

  const c = station?.counters;
  return (
    <Drawer
      open={stationId !== null}
      onClose={onClose}
      size={760}
      title={station?.name ?? '监测站点'}
      data-testid="station-detail"
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!station && !error && <Spin />}
      {station && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {station.demo && <Alert type="warning" showIcon title="演示数据：本站为演示县生成的示例，并非真实站点" />}
          {alarms.map((a) => (
            <Alert
              key={a.id}
              type={a.level === 'red' || a.level === 'orange' ? 'error' : 'warning'}
              showIcon
              data-testid="station-active-alarm"
              title={
                <Space size={6}>
                  <LevelTag level={a.level} />
                  <span>{a.message}</span>
                </Space>
              }
              action={
                <Button size="small" onClick={() => navigate(`/monitoring/alarms/${a.id}`)}>
                  查看告警
                </Button>
              }
            />
          ))}
          <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="站点编码">{station.code}</Descriptions.Item>
            <Descriptions.Item label="类型">{kindLabel(station.kind)}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <StateTag state={station.state} />
              <span style={{ color: '#888' }}>最后上报 {formatInstant(station.lastReadingAt)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="所在区划">{areaName(station.areaCode)}</Descriptions.Item>
            <Descriptions.Item label="坐标">
              {station.lon.toFixed(5)}, {station.lat.toFixed(5)}
            </Descriptions.Item>
            <Descriptions.Item label="权属">
              {station.ownerName}（{STATION_OWNER_TYPE_LABELS[station.ownerType]}）
            </Descriptions.Item>
            <Descriptions.Item label="设备编号" span={2}>
              {station.deviceIds.length ? station.deviceIds.map((d) => <Tag key={d}>{d}</Tag>) : '—'}
            </Descriptions.Item>
            {station.kind === 'water_level' && (
              <Descriptions.Item label="特征水位" span={2}>
                <span data-testid="station-water-levels">
                  警戒 {station.waterLevels?.warning ?? '—'} m · 保证 {station.waterLevels?.guaranteed ?? '—'} m · 历史最高{' '}
                  {station.waterLevels?.historicMax ?? '—'} m
                </span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label="MQTT 用户名">{station.mqttUsername}</Descriptions.Item>
            <Descriptions.Item label="备注">{station.note ?? '—'}</Descriptions.Item>
          </Descriptions>

          <Card size="small" title="最新值" data-testid="station-latest">
            {station.latest.length === 0 ? (
              <span style={{ color: '#888' }}>尚未收到读数</span>
            ) : (
              <Row gutter={[16, 8]}>
                {station.latest.map((v) => (
                  <Col key={v.metric} span={8}>
                    <Statistic
                      title={`${METRIC_INFO[v.metric].label}（${formatInstant(v.at).slice(5, 16)}）`}
                      value={metricText(v.metric, v.value)}
                      styles={{ content: { fontSize: 18 } }}
                    />
                  </Col>
                ))}
              </Row>
            )}
          </Card>

          <Card size="small" title="时序曲线">
            <LazyStationCharts station={station} />
          </Card>

          {c && (
            <Table
              size="small"
              rowKey="label"
              pagination={false}
              title={() => '数据接入计数'}
              data-testid="station-counters"
              dataSource={[
                { label: '已接收', value: c.accepted.toLocaleString('zh-CN'), note: '已持久化的读数' },
                { label: '重复', value: c.duplicates.toLocaleString('zh-CN'), note: '同一指标同一时刻已存在，只保留一条' },
                {
                  label: '拒收',
                  value: c.rejected.toLocaleString('zh-CN'),
                  note: c.lastRejectReason
                    ? `最近一次：${rejectReasonLabel(c.lastRejectReason)}（${formatInstant(c.lastRejectedAt)}）`
                    : '—',
                },
                { label: '限流', value: c.rateLimited.toLocaleString('zh-CN'), note: '错误数据过多时暂停接收的批次' },
              ]}
              columns={[
                { title: '项目', dataIndex: 'label', width: 90 },
                { title: '数量', dataIndex: 'value', width: 110, align: 'right' },
                { title: '说明', dataIndex: 'note' },
              ]}
            />
          )}

          {canEdit && (
            <Space wrap data-testid="station-controls">
              <Button onClick={() => onEdit(station)} data-testid="station-edit">
                编辑
              </Button>
              <Popconfirm
                title="重新签发设备凭据？"
                description="旧的设备令牌和 MQTT 密码立即失效，设备需改用新凭据。"
                okText="签发"
                okButtonProps={{ 'data-testid': 'station-rotate-confirm' } as ButtonProps}
                onConfirm={rotate}
              >
                <Button loading={busy} data-testid="station-rotate">
                  重新签发凭据
                </Button>
              </Popconfirm>
              {station.state === 'fault' ? (
                <Button loading={busy} onClick={() => void setFault(false)} data-testid="station-unfault">
                  解除故障
                </Button>
              ) : (
                <Popconfirm
                  title="标记为故障？"
                  description="故障站点在地图上显示为橙色，直到人工解除。"
                  onConfirm={() => setFault(true)}
                >
                  <Button loading={busy} data-testid="station-fault">
                    标记故障
                  </Button>
                </Popconfirm>
              )}
              <Popconfirm
                title="删除这个监测站点及其全部读数？"
                okText="删除"
                okButtonProps={{ danger: true }}
                onConfirm={remove}
              >
                <Button danger loading={busy}>
                  删除
                </Button>
              </Popconfirm>
            </Space>
          )}
        </Space>
      )}
    </Drawer>
  );
}
