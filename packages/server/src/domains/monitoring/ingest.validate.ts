import {
  KIND_METRICS,
  METRIC_INFO,
  REJECT_REASON_LABELS,
  type Metric,
  type RejectReason,
  type StationKind,
} from '@yingji/contracts/monitoring.ts';

export interface ValidReading {
  metric: Metric;
  value: number;
  /** Normalised ISO 8601 UTC (toISOString), so one instant has one spelling and duplicates meet in the key. */
  at: string;
}

export interface Rejection {
  index: number;
  reason: RejectReason;
  message: string;
}

/** ISO 8601 with a date, a time and an explicit offset: a reading without a zone would be 8 hours off or not. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Older than this is a device whose clock was never set (1970, 2000-01-01 resets), not a late reading. */
const EARLIEST_MS = Date.parse('2000-01-02T00:00:00Z');
const EARLIEST = new Date(EARLIEST_MS).toISOString();
/** The form toISOString gives (what well-behaved devices send): kept as it is, compared as text. */
const CANONICAL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
/** Dates seen in canonical instants, and whether they exist (Date.parse rolls 02-30 over to 03-02). */
const realDates = new Map<string, boolean>();
function realDate(date: string): boolean {
  let real = realDates.get(date);
  if (real === undefined) {
    if (realDates.size > 10_000) realDates.clear();
    const ms = Date.parse(`${date}T00:00:00.000Z`);
    real = Number.isFinite(ms) && new Date(ms).toISOString().startsWith(date);
    realDates.set(date, real);
  }
  return real;
}

function reject(index: number, reason: RejectReason, detail?: string): Rejection {
  return { index, reason, message: detail ? `${REJECT_REASON_LABELS[reason]}：${detail}` : REJECT_REASON_LABELS[reason] };
}

/**
 * Checks every reading of a batch on its own: a known metric that this kind of station reports, a finite number
 * within the metric's physical range, an instant with a zone, not further ahead of the server than the tolerance.
 * Never throws: whatever a device sends ends up either valid or rejected with a reason.
 */
export function validateReadings(
  kind: StationKind,
  items: readonly unknown[],
  nowMs: number,
  futureToleranceMs: number,
): { valid: ValidReading[]; rejected: Rejection[] } {
  const allowed = KIND_METRICS[kind];
  const valid: ValidReading[] = [];
  const rejected: Rejection[] = [];
  const latest = new Date(nowMs + futureToleranceMs).toISOString();
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index] as { metric?: unknown; value?: unknown; at?: unknown } | null;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      rejected.push(reject(index, 'malformed'));
      continue;
    }
    const { metric, value, at } = item;
    if (typeof metric !== 'string' || !Object.hasOwn(METRIC_INFO, metric)) {
      rejected.push(reject(index, 'unknown_metric', String(metric).slice(0, 40)));
      continue;
    }
    if (!allowed.includes(metric as Metric)) {
      rejected.push(reject(index, 'metric_not_for_kind', metric));
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      rejected.push(reject(index, 'not_numeric'));
      continue;
    }
    const info = METRIC_INFO[metric as Metric];
    if (value < info.min || value > info.max) {
      rejected.push(reject(index, 'out_of_range', `${value} ${info.unit}，应在 ${info.min}–${info.max} 之间`));
      continue;
    }
    if (typeof at === 'string' && CANONICAL.test(at) && realDate(at.slice(0, 10))) {
      // The fast path: canonical text sorts as time does, so it is checked against the bounds as text.
      if (at < EARLIEST) rejected.push(reject(index, 'bad_timestamp'));
      else if (at > latest) rejected.push(reject(index, 'future_timestamp', at));
      else valid.push({ metric: metric as Metric, value, at });
      continue;
    }
    const ms = typeof at === 'string' && ISO_INSTANT.test(at) && realDate(at.slice(0, 10)) ? Date.parse(at) : NaN;
    if (!Number.isFinite(ms) || ms < EARLIEST_MS) {
      rejected.push(reject(index, 'bad_timestamp'));
      continue;
    }
    if (ms > nowMs + futureToleranceMs) {
      rejected.push(reject(index, 'future_timestamp', String(at)));
      continue;
    }
    valid.push({ metric: metric as Metric, value, at: new Date(ms).toISOString() });
  }
  return { valid, rejected };
}

/**
 * An MQTT payload: `{"readings": [...]}` (the HTTP body), a bare array of readings, or one reading object.
 * Returns null when it is none of these (not JSON, or JSON of another shape).
 */
export function readingsOfPayload(payload: Buffer | string): unknown[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return null;
  }
  if (Array.isArray(parsed)) return parsed;
  if (typeof parsed === 'object' && parsed !== null) {
    const readings = (parsed as { readings?: unknown }).readings;
    if (Array.isArray(readings)) return readings;
    if ('metric' in parsed) return [parsed];
  }
  return null;
}
