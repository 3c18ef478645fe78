import type { LiveEvent } from '@yingji/contracts/health.ts';
import { Badge, Tooltip } from 'antd';
import { createContext, lazy, Suspense, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

// 预警 live notices (features/warnings): a small chunk of its own, loaded after the first paint.
const WarningNotices = lazy(() => import('../features/warnings/WarningNotices.tsx'));

export type LiveStatus = 'connecting' | 'open' | 'closed';

interface LiveValue {
  status: LiveStatus;
  /** Newest first, at most KEEP_EVENTS. */
  events: LiveEvent[];
  lastEvent: LiveEvent | null;
}

const KEEP_EVENTS = 50;
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

const LiveContext = createContext<LiveValue>({ status: 'closed', events: [], lastEvent: null });

function liveUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/api/live`;
}

function parseEvent(data: unknown): LiveEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const event = JSON.parse(data) as Partial<LiveEvent>;
    return typeof event.type === 'string' ? (event as LiveEvent) : null;
  } catch {
    return null;
  }
}

/**
 * One WebSocket per tab for all live pushes. It reconnects with exponential back-off (and jitter, so that a
 * restarted server is not hit by every browser in the same second); the session cookie authenticates it.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [events, setEvents] = useState<LiveEvent[]>([]);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retryTimer: number | undefined;
    let delay = FIRST_RETRY_MS;
    let stopped = false;

    const connect = () => {
      setStatus('connecting');
      socket = new WebSocket(liveUrl());
      socket.onopen = () => {
        delay = FIRST_RETRY_MS;
        setStatus('open');
      };
      socket.onmessage = (message) => {
        const event = parseEvent(message.data);
        if (event) setEvents((previous) => [event, ...previous].slice(0, KEEP_EVENTS));
      };
      socket.onclose = () => {
        socket = null;
        if (stopped) return;
        setStatus('closed');
        retryTimer = window.setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      };
    };

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      socket?.close();
    };
  }, []);

  const value = useMemo(() => ({ status, events, lastEvent: events[0] ?? null }), [status, events]);
  return (
    <LiveContext.Provider value={value}>
      {children}
      <Suspense fallback={null}>
        <WarningNotices />
      </Suspense>
    </LiveContext.Provider>
  );
}

export function useLiveEvents(): LiveValue {
  return useContext(LiveContext);
}

/**
 * Hands `onFresh` the events that arrived since it was last called, oldest first — for watchers that react to each
 * push once (banners, notices). What arrived before the component mounted is history and is not handed over.
 */
export function useFreshLiveEvents(onFresh: (fresh: LiveEvent[]) => void): void {
  const { events } = useLiveEvents();
  const seen = useRef<LiveEvent | undefined>(events[0]);
  const handler = useRef(onFresh);
  handler.current = onFresh;
  useEffect(() => {
    const fresh: LiveEvent[] = [];
    for (const event of events) {
      if (event === seen.current) break;
      fresh.push(event);
    }
    seen.current = events[0];
    if (fresh.length > 0) handler.current(fresh.reverse());
  }, [events]);
}

/** The header's 在线/离线 light, so a duty officer knows whether pushed alarms would reach this screen. */
export function LiveIndicator() {
  const { status } = useLiveEvents();
  const online = status === 'open';
  const hint = online ? '实时推送已连接' : status === 'connecting' ? '正在连接实时推送…' : '实时推送已断开，正在自动重连';
  return (
    <Tooltip title={hint}>
      <span data-testid="live-status" data-status={status} style={{ cursor: 'default' }}>
        <Badge status={online ? 'success' : 'default'} />
        <span style={{ marginInlineStart: 6 }}>{online ? '在线' : '离线'}</span>
      </span>
    </Tooltip>
  );
}
