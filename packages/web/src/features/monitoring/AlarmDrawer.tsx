import type { Alarm, AlarmChange, AlarmDetail } from '@yingji/contracts/alarms.ts';
import { ALARM_STATE_LABELS } from '@yingji/contracts/alarms.ts';
import { ALARM_LEVEL_LABELS } from '@yingji/contracts/monitoring.ts';
import { Alert, App, Button, Descriptions, Drawer, Space, Spin, Tag, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { formatInstant } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { navigate } from '../../app/router.ts';
import { alarmValue, kindLabel, LEVEL_COLORS, ruleLabel } from './labels.ts';
import { convertAlarm, fetchAlarm } from './monitoringApi.ts';
import { LevelTag } from './tags.tsx';

const CHANGE_LABELS: Record<AlarmChange['kind'], string> = {
  raised: '发生',
  escalated: '升级',
  lowered: '降级',
  recovered: '恢复',
  acknowledged: '确认',
};

function changeColour(change: AlarmChange): string {
  if (change.kind === 'recovered') return 'green';
  if (change.kind === 'acknowledged') return 'gray';
  return change.toLevel ? LEVEL_COLORS[change.toLevel] : 'blue';
}

function changeText(change: AlarmChange, rule: string): string {
  const levels =
    change.kind === 'escalated' || change.kind === 'lowered'
      ? `${ALARM_LEVEL_LABELS[change.fromLevel!]} → ${ALARM_LEVEL_LABELS[change.toLevel!]}`
      : change.kind === 'raised' && change.toLevel
        ? ALARM_LEVEL_LABELS[change.toLevel]
        : '';
  const value = change.kind === 'acknowledged' ? '' : `（${alarmValue(rule, change.value)}）`;
  return [CHANGE_LABELS[change.kind], levels, value].filter(Boolean).join(' ');
}

/**
 * One alarm: what, where, how high it went and when, its level history, and the actions on it — 确认 with a note,
 * and the link points 转为预警 / 转为事件 (the server says plainly while those modules are not there yet).
 */
export function AlarmDrawer({
  alarmId,
  reloadKey,
  canAct,
  onClose,
  onAcknowledge,
}: {
  alarmId: string | null;
  /** Changes when the alarm may have changed here (acknowledged): read it again, whether or not the push arrives. */
  reloadKey: number;
  canAct: boolean;
  onClose(): void;
  onAcknowledge(alarm: Alarm): void;
}) {
  const { message } = App.useApp();
  const { lastEvent } = useLiveEvents();
  const [alarm, setAlarm] = useState<AlarmDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'warning' | 'incident' | null>(null);
  // Every change of this alarm (escalated, recovered, acknowledged elsewhere) is pushed: read it again.
  const changed =
    lastEvent?.type.startsWith('alarm.') && (lastEvent.data as { id?: string } | null)?.id === alarmId ? lastEvent.at : '';

  useEffect(() => {
    setError(null);
    setLinkError(null);
    if (!alarmId) return setAlarm(null);
    const controller = new AbortController();
    fetchAlarm(alarmId, controller.signal)
      .then(setAlarm)
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [alarmId, changed, reloadKey]);

  const convert = async (target: 'warning' | 'incident') => {
    setBusy(target);
    setLinkError(null);
    try {
      const linked = await convertAlarm(alarmId!, target);
      message.success(target === 'warning' ? '已生成预警草稿' : '已生成事件');
      // The warning draft opens in the composer, pre-filled from the alarm, for the officer to check and submit.
      if (target === 'warning') navigate(`/warnings/${linked.id}/edit`);
    } catch (e) {
      setLinkError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Drawer open={alarmId !== null} onClose={onClose} size={640} title="告警详情" data-testid="alarm-detail">
      {error && <Alert type="error" showIcon title={error} />}
      {!alarm && !error && <Spin />}
      {alarm && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Space size={8} wrap>
            <LevelTag level={alarm.level} testId="alarm-detail-level" />
            <strong style={{ fontSize: 16 }}>{alarm.stationName}</strong>
            <span>{ruleLabel(alarm.rule)}</span>
            <Tag color={alarm.state === 'active' ? 'red' : 'green'}>{ALARM_STATE_LABELS[alarm.state]}</Tag>
            {alarm.acknowledgedAt ? <Tag color="default">已确认</Tag> : <Tag color="volcano">未确认</Tag>}
          </Space>
          <Alert type={alarm.state === 'active' ? 'error' : 'success'} title={alarm.message} data-testid="alarm-detail-message" />
          <Descriptions size="small" column={2} bordered styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="站点">
              <a onClick={() => navigate(`/monitoring/stations/${alarm.stationId}`)}>
                {alarm.stationName}（{alarm.stationCode}）
              </a>
            </Descriptions.Item>
            <Descriptions.Item label="站点类型">{kindLabel(alarm.stationKind)}</Descriptions.Item>
            <Descriptions.Item label="当前级别">{ALARM_LEVEL_LABELS[alarm.level]}</Descriptions.Item>
            <Descriptions.Item label="最高级别">{ALARM_LEVEL_LABELS[alarm.peakLevel]}</Descriptions.Item>
            <Descriptions.Item label="测值">{alarmValue(alarm.rule, alarm.value)}</Descriptions.Item>
            <Descriptions.Item label="发生时间">{formatInstant(alarm.raisedAt)}</Descriptions.Item>
            <Descriptions.Item label="最近变化">{formatInstant(alarm.changedAt)}</Descriptions.Item>
            <Descriptions.Item label="恢复时间">{formatInstant(alarm.recoveredAt)}</Descriptions.Item>
            <Descriptions.Item label="确认" span={2}>
              {alarm.acknowledgedAt ? (
                <span data-testid="alarm-ack-info">
                  {alarm.acknowledgedBy} 于 {formatInstant(alarm.acknowledgedAt)} 确认：{alarm.ackNote}
                </span>
              ) : (
                '尚未确认'
              )}
            </Descriptions.Item>
          </Descriptions>

          {canAct && (
            <Space wrap>
              {!alarm.acknowledgedAt && (
                <Button type="primary" onClick={() => onAcknowledge(alarm)} data-testid="alarm-ack">
                  确认告警
                </Button>
              )}
              <Button loading={busy === 'warning'} onClick={() => void convert('warning')} data-testid="alarm-to-warning">
                转为预警
              </Button>
              <Button loading={busy === 'incident'} onClick={() => void convert('incident')} data-testid="alarm-to-incident">
                转为事件
              </Button>
            </Space>
          )}
          {linkError && (
            <Alert
              type="info"
              showIcon
              closable
              title={linkError}
              data-testid="alarm-link-error"
              onClose={() => setLinkError(null)}
            />
          )}

          <div>
            <div style={{ fontWeight: 600, marginBottom: 12 }}>级别变化记录</div>
            <Timeline
              data-testid="alarm-history"
              items={alarm.history.map((h) => ({
                color: changeColour(h),
                content: (
                  <div>
                    <div>
                      <strong>{changeText(h, alarm.rule)}</strong>
                      <span style={{ color: '#888', marginInlineStart: 8 }}>{formatInstant(h.at)}</span>
                    </div>
                    <div style={{ color: '#555', fontSize: 12 }}>
                      {h.message}
                      {h.actor !== 'system' && `（${h.actor}）`}
                    </div>
                  </div>
                ),
              }))}
            />
          </div>
        </Space>
      )}
    </Drawer>
  );
}
