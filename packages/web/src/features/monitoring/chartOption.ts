import { METRIC_INFO, type Series } from '@yingji/contracts/monitoring.ts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatInstant } from '../../app/format.ts';
import { LEVEL_COLORS, formatNumber } from './labels.ts';
import type { ChartThresholds } from './thresholds.ts';

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
>;
export type ChartRange = '24h' | '7d';

/*
 * ECharts draws a time axis in the browser's own zone. People read 北京时间 whatever the browser says, and China has
 * no daylight saving, so every instant is moved by +8 h and the chart is told to use UTC: its ticks then fall on
 * Shanghai hours and midnights, and its labels read Shanghai wall time.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const HOUR_MS = 3_600_000;
const RANGE_MS: Record<ChartRange, number> = { '24h': 24 * HOUR_MS, '7d': 7 * 24 * HOUR_MS };

const wall = (instant: number) => instant + SHANGHAI_OFFSET_MS;

interface Point {
  t: number;
  value: number;
}

/** The sum of each point and those before it within `hours` (the window (t − hours, t]), in time order. */
export function slidingSum(points: Point[], hours: number): Point[] {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const out: Point[] = [];
  let start = 0;
  let sum = 0;
  for (const p of sorted) {
    sum += p.value;
    while (sorted[start]!.t <= p.t - hours * HOUR_MS) sum -= sorted[start++]!.value;
    out.push({ t: p.t, value: Math.round(sum * 100) / 100 });
  }
  return out;
}

/** 1, 2 or 5 × 10ⁿ: the tick step ECharts itself would pick for about `ticks` intervals. */
function niceStep(span: number, ticks: number): number {
  const raw = span / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const [step] = [1, 2, 5, 10].filter((m) => m * magnitude >= raw);
  return step! * magnitude;
}

/**
 * Axis bounds on whole ticks below/above the data and every threshold line, so the lines are always in view. The
 * tick step is given with them: bounds that fall between ECharts' own ticks would crowd their labels.
 */
function niceBounds(values: number[], floorAtZero: boolean): { min: number; max: number; interval: number } | null {
  if (values.length === 0) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) || 1;
  const interval = niceStep(span * 1.1, 5);
  // Rounded: 23 × 0.1 would otherwise be 2.3000000000000003.
  const round = (v: number) => Number(v.toFixed(10));
  const min = round(Math.floor((lo - span * 0.05) / interval) * interval);
  const max = round(Math.ceil((hi + span * 0.05) / interval) * interval);
  return { min: floorAtZero ? Math.max(0, min) : min, max, interval };
}

function markLine(thresholds: ChartThresholds): LineSeriesOption['markLine'] {
  return {
    symbol: 'none',
    silent: true,
    data: thresholds.lines.map((line) => ({
      name: line.name,
      yAxis: line.value,
      lineStyle: { color: LEVEL_COLORS[line.level], type: 'dashed', width: 1.5 },
      label: {
        formatter: `${line.name} ${formatNumber(line.value)}`,
        // At the start: the newest readings, at the right end, stay clear of the labels.
        position: 'insideStartTop',
        color: line.level === 'yellow' ? '#8a6d00' : LEVEL_COLORS[line.level],
        fontSize: 11,
      },
    })),
  };
}

/**
 * The chart of one metric of one station: raw readings over 24 h or hourly values over 7 days, with the thresholds
 * as dashed lines. Rainfall is drawn as bars of what fell, plus the sliding accumulation its thresholds apply to.
 */
export function chartOption(series: Series, thresholds: ChartThresholds, range: ChartRange, now: number): ChartOption {
  const info = METRIC_INFO[series.metric];
  const rainfall = series.metric === 'rainfall_mm';
  const hourly = series.resolution === 'hour';
  // Hourly rainfall is the hour's total; other hourly values are the hour's mean (with its maximum drawn too).
  const points: Point[] = series.points.map((p) => ({
    t: Date.parse(p.at),
    value: rainfall && hourly ? (p.sum ?? p.value) : p.value,
  }));
  const data = (list: Point[]) => list.map((p) => [wall(p.t), p.value] as [number, number]);
  const drawn: (LineSeriesOption | BarSeriesOption)[] = [];

  if (rainfall) {
    const window = thresholds.windowHours;
    const bars: BarSeriesOption = {
      type: 'bar',
      name: hourly ? '小时雨量' : '时段雨量',
      data: data(points),
      itemStyle: { color: '#4dabf7' },
    };
    drawn.push(bars);
    if (window && !(hourly && window === 1)) {
      drawn.push({
        type: 'line',
        name: `近${window}小时累计`,
        data: data(slidingSum(points, window)),
        showSymbol: false,
        lineStyle: { color: '#1864ab', width: 2 },
        itemStyle: { color: '#1864ab' },
        markLine: markLine(thresholds),
      });
    } else bars.markLine = markLine(thresholds) as BarSeriesOption['markLine'];
  } else {
    drawn.push({
      type: 'line',
      name: hourly ? `${info.label}（小时平均）` : info.label,
      data: data(points),
      showSymbol: points.length < 60,
      lineStyle: { color: '#1d5fa8', width: 2 },
      itemStyle: { color: '#1d5fa8' },
      markLine: markLine(thresholds),
    });
    if (hourly) {
      const max = series.points.map((p) => ({ t: Date.parse(p.at), value: p.max ?? p.value }));
      drawn.push({
        type: 'line',
        name: `${info.label}（小时最高）`,
        data: data(max),
        showSymbol: false,
        lineStyle: { color: '#91a7ff', width: 1, type: 'dotted' },
        itemStyle: { color: '#91a7ff' },
      });
    }
  }

  const shown = drawn.flatMap((s) => (s.data as [number, number][]).map(([, v]) => v));
  const bounds = niceBounds([...shown, ...thresholds.lines.map((l) => l.value)], rainfall || info.min >= 0);
  const unit = info.unit;
  return {
    useUTC: true,
    animation: false,
    grid: { left: 56, right: 24, top: 36, bottom: 44 },
    legend: { top: 4, left: 'center', textStyle: { fontSize: 12 } },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params];
        const first = list[0]?.value as [number, number] | undefined;
        if (!first) return '';
        const lines = list.map(
          (p) => `${p.marker ?? ''}${p.seriesName ?? ''}：${formatNumber((p.value as [number, number])[1])} ${unit}`,
        );
        return [`北京时间 ${formatInstant(new Date(first[0] - SHANGHAI_OFFSET_MS).toISOString())}`, ...lines].join('<br/>');
      },
    },
    xAxis: {
      type: 'time',
      name: '时间（北京时间）',
      nameLocation: 'middle',
      nameGap: 28,
      min: wall(now - RANGE_MS[range]),
      max: wall(now),
      axisLabel: {
        hideOverlap: true,
        formatter: { year: '{yyyy}', month: '{MM}-{dd}', day: '{MM}-{dd}', hour: '{HH}:{mm}', minute: '{HH}:{mm}' },
      },
    },
    yAxis: {
      type: 'value',
      name: `${info.label}（${unit}）`,
      nameTextStyle: { align: 'left' },
      ...(bounds ?? {}),
    },
    series: drawn,
  };
}
