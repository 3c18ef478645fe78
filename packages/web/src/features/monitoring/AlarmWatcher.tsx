import { AlertFilled, AlertOutlined } from '@ant-design/icons';
import type { LiveEvent } from '@yingji/contracts/health.ts';
import type { AlarmEvent } from '@yingji/contracts/alarms.ts';
import { ALARM_LEVEL_LABELS, type AlarmLevel } from '@yingji/contracts/monitoring.ts';
import { App, Badge, Button, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { formatInstant } from '../../app/format.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { navigate } from '../../app/router.ts';
import { armAlertSound, playAlertSound } from './alertSound.ts';
import { LEVEL_COLORS, LEVEL_TINTS, kindLabel, ruleLabel } from './labels.ts';
import { countUnacknowledged } from './monitoringApi.ts';

/** Alarms loud enough to interrupt: new red or orange ones, and any alarm that rises to orange or red. */
const LOUD: ReadonlySet<AlarmLevel> = new Set(['orange', 'red']);
const COUNT_DEBOUNCE_MS = 500;

function loudAlarm(event: LiveEvent): AlarmEvent | null {
  if (event.type !== 'alarm.raised' && event.type !== 'alarm.escalated') return null;
  const data = event.data as Partial<AlarmEvent> | null;
  if (!data || typeof data.id !== 'string' || !data.level || !LOUD.has(data.level)) return null;
  return data as AlarmEvent;
}

/** The banner's text; it also says, quietly, when the browser held the alert tone back. */
function BannerBody({ alarm, sound }: { alarm: AlarmEvent; sound: Promise<boolean> }) {
  const [played, setPlayed] = useState<boolean | null>(null);
  useEffect(() => {
    let live = true;
    void sound.then((ok) => live && setPlayed(ok));
    return () => {
      live = false;
    };
  }, [sound]);
  const rose = alarm.previousLevel
    ? `由${ALARM_LEVEL_LABELS[alarm.previousLevel]}升级为${ALARM_LEVEL_LABELS[alarm.level]}。`
    : '';
  return (
    <div
      data-testid="alarm-banner-body"
      data-level={alarm.level}
      data-sound={played === null ? 'pending' : played ? 'played' : 'blocked'}
    >
      <div>
        {kindLabel(alarm.stationKind)} · {ruleLabel(alarm.rule)}
      </div>
      <div style={{ margin: '4px 0' }}>
        {rose}
        {alarm.message}
      </div>
      <div style={{ color: '#888', fontSize: 12 }}>
        {formatInstant(alarm.at)}
        {played === false && '（浏览器尚未允许播放提示音，点击页面任意处后启用）'}
      </div>
    </div>
  );
}

/**
 * The live alarm watch of the app shell, hosted by the 监测预警 menu icon (always on screen for a user who may read
 * alarms): a coloured, sticky banner with a tone for each new red or orange alarm, linking to it, and a badge with
 * the number of active alarms nobody has acknowledged yet.
 */
export default function AlarmWatcher({ className }: { className?: string }) {
  const { events, status } = useLiveEvents();
  const { notification } = App.useApp();
  const [count, setCount] = useState<number | null>(null);
  const [recount, setRecount] = useState(0);
  // The newest event already looked at; anything newer in `events` is new. Events from before mounting are history.
  const seen = useRef<LiveEvent | undefined>(events[0]);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => armAlertSound(), []);

  // The count: at start, after every (re)connection, and shortly after a burst of alarm changes.
  useEffect(() => {
    const controller = new AbortController();
    countUnacknowledged(controller.signal)
      .then(setCount)
      .catch(() => undefined); // the badge just keeps its last number
    return () => controller.abort();
  }, [recount, status]);

  useEffect(() => {
    const fresh: LiveEvent[] = [];
    for (const event of events) {
      if (event === seen.current) break;
      fresh.push(event);
    }
    seen.current = events[0];
    if (fresh.length === 0) return;
    if (fresh.some((e) => e.type.startsWith('alarm.'))) {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setRecount((n) => n + 1), COUNT_DEBOUNCE_MS);
    }
    // Oldest first, so an escalation's banner replaces the raise's (same key) rather than the other way round.
    for (const event of fresh.reverse()) {
      const alarm = loudAlarm(event);
      if (!alarm) continue;
      const key = `alarm-${alarm.id}`;
      notification.open({
        key,
        role: 'alert',
        placement: 'topRight',
        duration: false,
        icon: <AlertFilled style={{ color: LEVEL_COLORS[alarm.level] }} />,
        title: (
          <span data-testid="alarm-banner-title" style={{ fontWeight: 600 }}>
            {ALARM_LEVEL_LABELS[alarm.level]}告警 · {alarm.stationName}
          </span>
        ),
        description: <BannerBody alarm={alarm} sound={playAlertSound(alarm.level)} />,
        actions: (
          <Button
            size="small"
            type="primary"
            danger={alarm.level === 'red'}
            onClick={() => {
              notification.destroy(key);
              navigate(`/monitoring/alarms/${alarm.id}`);
            }}
            data-testid="alarm-banner-open"
          >
            查看告警
          </Button>
        ),
        style: { background: LEVEL_TINTS[alarm.level], borderInlineStart: `6px solid ${LEVEL_COLORS[alarm.level]}` },
        props: { 'data-testid': 'alarm-banner' },
      });
    }
  }, [events, notification]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const n = count ?? 0;
  return (
    <Tooltip title={n > 0 ? `辖区内有 ${n} 条告警尚未确认` : '辖区内没有未确认的告警'} placement="right">
      <span className={className} data-testid="alarm-badge" data-count={count ?? ''}>
        <Badge count={n} size="small" offset={[2, -2]} overflowCount={99}>
          <AlertOutlined style={{ fontSize: 'inherit', color: 'inherit' }} />
        </Badge>
      </span>
    </Tooltip>
  );
}
