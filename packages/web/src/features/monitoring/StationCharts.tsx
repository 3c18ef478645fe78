import type { StationRuleView } from '@yingji/contracts/alarms.ts';
import { KIND_METRICS, METRIC_INFO, type Metric, type Series, type Station } from '@yingji/contracts/monitoring.ts';
import { Alert, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { chartOption, type ChartRange } from './chartOption.ts';
import { init } from './echarts.ts';
import { fetchSeries, fetchStationRules } from './monitoringApi.ts';
import { thresholdsFor, usesRuleThresholds } from './thresholds.ts';

/** At most one reload of the series per this interval while readings stream in. */
const LIVE_RELOAD_MS = 2_000;

/** Counts a reload whenever monitoring.latest says this station reported, throttled. */
function useLiveReload(stationId: string): number {
  const { lastEvent } = useLiveEvents();
  const [tick, setTick] = useState(0);
  const last = useRef(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (lastEvent?.type !== 'monitoring.latest') return;
    const data = lastEvent.data as { stations?: { id: string }[] } | null;
    if (!data?.stations?.some((s) => s.id === stationId)) return;
    const wait = Math.max(0, last.current + LIVE_RELOAD_MS - Date.now());
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      last.current = Date.now();
      setTick((n) => n + 1);
    }, wait);
  }, [lastEvent, stationId]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return tick;
}

/**
 * 时序曲线 of one station: a metric at a time, the last 24 h (every reading) or 7 days (hourly), with its thresholds
 * drawn; it follows new readings live. Loaded lazily (it brings ECharts).
 */
export default function StationCharts({ station, height = 280 }: { station: Station; height?: number }) {
  const metrics = KIND_METRICS[station.kind];
  const [metric, setMetric] = useState<Metric>(metrics[0]!);
  const [range, setRange] = useState<ChartRange>('24h');
  const [series, setSeries] = useState<Series | null>(null);
  const [rules, setRules] = useState<StationRuleView[]>([]);
  const [rulesError, setRulesError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const live = useLiveReload(station.id);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<typeof init> | null>(null);

  useEffect(() => setMetric(KIND_METRICS[station.kind][0]!), [station.id, station.kind]);

  // The station's effective alarm rules give the rainfall and 危化品 thresholds; without them the chart still draws.
  useEffect(() => {
    const controller = new AbortController();
    fetchStationRules(station.id, controller.signal)
      .then((r) => (setRules(r), setRulesError(null)))
      .catch((e: unknown) => !controller.signal.aborted && (setRules([]), setRulesError(errorMessage(e))));
    return () => controller.abort();
  }, [station.id]);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    fetchSeries(station.id, metric, range, controller.signal)
      .then((s) => (setSeries(s), setError(null)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [station.id, metric, range, live]);

  const thresholds = useMemo(() => thresholdsFor(station, metric, rules), [station, metric, rules]);
  const hasData = series !== null && series.metric === metric && series.points.length > 0;

  useEffect(() => {
    if (!box.current || !hasData) return;
    const instance = init(box.current, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [hasData]);

  useEffect(() => {
    if (chart.current && series && hasData) chart.current.setOption(chartOption(series, thresholds, range, Date.now()), true);
  }, [series, thresholds, range, hasData]);

  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="station-charts">
      <Space wrap size={8}>
        {metrics.length > 1 && (
          <Segmented<Metric>
            size="small"
            value={metric}
            onChange={setMetric}
            options={metrics.map((m) => ({ value: m, label: METRIC_INFO[m].label }))}
            data-testid="chart-metric"
          />
        )}
        <Segmented<ChartRange>
          size="small"
          value={range}
          onChange={setRange}
          options={[
            { value: '24h', label: '近24小时' },
            { value: '7d', label: '近7天' },
          ]}
          data-testid="chart-range"
        />
        {loading && <Spin size="small" />}
      </Space>
      {error && <Alert type="error" showIcon title={`曲线加载失败：${error}`} />}
      {rulesError && usesRuleThresholds(metric) && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          告警规则阈值暂不可用（{rulesError}），曲线未画规则阈值线。
        </Typography.Text>
      )}
      {hasData ? (
        <div
          ref={box}
          style={{ width: '100%', height }}
          data-testid="station-chart"
          data-metric={metric}
          data-range={range}
          data-points={series.points.length}
          data-thresholds={thresholds.lines.map((l) => l.name).join(',')}
        />
      ) : (
        !loading &&
        !error && (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={`${range === '24h' ? '近24小时' : '近7天'}没有${METRIC_INFO[metric].label}数据`}
            style={{ height, margin: 0, paddingTop: height / 4 }}
            data-testid="station-chart-empty"
          />
        )
      )}
    </Space>
  );
}
