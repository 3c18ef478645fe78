import type { AlarmRule } from '@yingji/contracts/alarms.ts';
import type { AlarmLevel, Metric } from '@yingji/contracts/monitoring.ts';
import type { Logger } from 'pino';
import type { RulesService } from '../../platform/rules/rules.ts';
import type { Db } from '../../platform/db/database.ts';
import type { RecentReadings } from './alarms.deps.ts';
import {
  FIRE_WEATHER,
  type LimitRule,
  isFireMetric,
  isWindowMetric,
  LIMIT_RULES,
  StationState,
  WINDOW_RULES,
  type WindowMetric,
} from './evaluator.state.ts';
import type { AcceptedReading, ConditionReport, ConditionSink, ReadingSink } from './monitoring.pipeline.ts';
import { RuleBook } from './rules.book.ts';
import {
  DISABLED,
  evaluateFire,
  evaluateLimit,
  evaluateRainfall,
  evaluateRate,
  evaluateWaterLevel,
  type Verdict,
} from './rules.evaluate.ts';

export interface EvaluatorDeps {
  db: Db;
  rules: RulesService;
  recent: RecentReadings;
  conditions: ConditionSink;
  /** The level of every active alarm (read once at the first batch, so a restart neither re-raises nor forgets). */
  openLevels(): Promise<{ stationId: string; rule: string; level: AlarmLevel }[]>;
  log?: Logger;
  rulesMaxAgeMs?: number;
}

/** One batch's bookkeeping: the reports it produces and what to undo if they cannot be written. */
interface Pass {
  reports: ConditionReport[];
  undo: { state: StationState; rule: string; level: AlarmLevel | null }[];
  dirty: Set<StationState>;
  dirtyRules: Map<StationState, Set<AlarmRule>>;
}

/**
 * The rules half of the ingest pipeline (a ReadingSink): judges every stored reading as it arrives, against
 * in-memory state per station — recent readings in timestamp order for window rules, newest values for limit rules,
 * daily weather for the fire-danger grade — and reports to the alarms service only when a rule's level changes.
 *
 * - A reading newer than all others of its station and metric is judged at its own time: in a storm each step
 *   (yellow → orange → red) is reported in order, even within one batch.
 * - A late reading is put in its place and the windows it falls in are judged again, once, at the newest time.
 * - A station's stored history is read once (RecentReadings), the first time it reports after a start.
 * - Batches are judged one at a time in arrival order; no database query per reading.
 */
export class ReadingEvaluator implements ReadingSink {
  private readonly states = new Map<string, StationState>();
  private book: RuleBook | null = null;
  private bookLoadedAt = 0;
  private bookStale = true;
  private bookVersion = 0;
  /** stationId → rule → level of the active alarms, read at the first batch. */
  private openLevels: Map<string, Map<string, AlarmLevel>> | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: EvaluatorDeps) {}

  accept(batch: readonly AcceptedReading[]): Promise<void> {
    if (batch.length === 0) return Promise.resolve();
    const run = this.tail.then(() => this.judgeBatch(batch));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Re-reads rule configurations before the next batch (a station override changed in this process). */
  rulesChanged(): void {
    this.bookStale = true;
  }

  /** The level a station's rule holds now (for tests and the station panel). */
  levelOf(stationId: string, rule: string): AlarmLevel | null {
    return this.states.get(stationId)?.levels.get(rule) ?? null;
  }

  private async ensureBook(): Promise<RuleBook> {
    const maxAge = this.deps.rulesMaxAgeMs ?? 10_000;
    if (!this.book || this.bookStale || performance.now() - this.bookLoadedAt > maxAge) {
      this.bookStale = false;
      this.bookVersion += 1;
      this.book = await RuleBook.load(this.deps.rules, this.deps.db.kysely, this.bookVersion);
      this.bookLoadedAt = performance.now();
    }
    return this.book;
  }

  private stateOf(reading: AcceptedReading, book: RuleBook): StationState {
    let state = this.states.get(reading.station.id);
    if (!state) {
      state = new StationState(reading.station);
      // A station first seen after a start holds the levels of its active alarms.
      for (const [rule, level] of this.openLevels?.get(reading.station.id) ?? []) state.levels.set(rule, level);
      this.states.set(reading.station.id, state);
    }
    // Ingest hands the profile it holds now: register changes (a new 警戒水位, another kind) apply from this reading.
    if (state.profile !== reading.station) {
      if (state.profile.kind !== reading.station.kind) state.invalidate();
      state.profile = reading.station;
    }
    state.refresh(book);
    return state;
  }

  private async judgeBatch(batch: readonly AcceptedReading[]): Promise<void> {
    const book = await this.ensureBook();
    if (!this.openLevels) {
      this.openLevels = new Map();
      for (const open of await this.deps.openLevels()) {
        let forStation = this.openLevels.get(open.stationId);
        if (!forStation) this.openLevels.set(open.stationId, (forStation = new Map()));
        forStation.set(open.rule, open.level);
      }
    }

    // Times and states once, and the batch in timestamp order (usually it already is: then no sort).
    const times = new Float64Array(batch.length);
    const states = new Array<StationState>(batch.length);
    let sorted = true;
    for (let i = 0; i < batch.length; i += 1) {
      times[i] = Date.parse(batch[i]!.at);
      states[i] = this.stateOf(batch[i]!, book);
      if (i > 0 && times[i]! < times[i - 1]!) sorted = false;
    }

    const pass: Pass = { reports: [], undo: [], dirty: new Set(), dirtyRules: new Map() };
    await this.loadHistory(batch, times, states, pass);

    if (sorted) {
      for (let i = 0; i < batch.length; i += 1) this.judgeReading(states[i]!, batch[i]!.metric, times[i]!, batch[i]!.value, pass);
    } else {
      const order: number[] = [];
      for (let i = 0; i < batch.length; i += 1) order.push(i);
      order.sort((a, b) => times[a]! - times[b]!);
      for (const i of order) this.judgeReading(states[i]!, batch[i]!.metric, times[i]!, batch[i]!.value, pass);
    }
    for (const state of pass.dirty) for (const rule of pass.dirtyRules.get(state)!) this.judgeNow(state, rule, pass);

    if (pass.reports.length === 0) return;
    try {
      await this.deps.conditions.report(pass.reports);
    } catch (error) {
      // Not written: forget the levels this batch set, so the next reading reports them again.
      for (const u of pass.undo.reverse()) u.state.levels.set(u.rule, u.level);
      this.deps.log?.warn({ err: error, reports: pass.reports.length }, '告警写入失败：下一条读数将重新报告这些级别变化');
      throw error;
    }
  }

  /**
   * Reads, once per station and metric, the stored readings the rules need. The store already holds this batch's
   * readings: those are left out here and judged one by one like any other batch, so a storm's steps are reported
   * in order even in the first batch after a start.
   */
  private async loadHistory(batch: readonly AcceptedReading[], times: Float64Array, states: StationState[], pass: Pass) {
    const wanted = new Map<string, { state: StationState; metric: Metric; oldest: number; newest: number; own: Set<number> }>();
    for (let i = 0; i < batch.length; i += 1) {
      const reading = batch[i]!;
      const state = states[i]!;
      if (state.loaded.has(reading.metric)) continue;
      const key = `${reading.station.id}|${reading.metric}`;
      const at = times[i]!;
      const entry = wanted.get(key);
      if (!entry) wanted.set(key, { state, metric: reading.metric, oldest: at, newest: at, own: new Set([at]) });
      else {
        entry.oldest = Math.min(entry.oldest, at);
        entry.newest = Math.max(entry.newest, at);
        entry.own.add(at);
      }
    }
    if (wanted.size === 0) return;
    const jobs = [...wanted.values()];
    const LOADS_AT_ONCE = 8;
    for (let start = 0; start < jobs.length; start += LOADS_AT_ONCE) {
      await Promise.all(
        jobs.slice(start, start + LOADS_AT_ONCE).map(async ({ state, metric, oldest, newest, own }) => {
          // Limit rules need only what may be newer than this batch's oldest reading; windows need their span.
          const span = state.loadSpanMs(metric);
          const since = span === 'latest' ? oldest : newest - span;
          const rows = await this.deps.recent.load(state.profile.id, metric, new Date(since).toISOString());
          const points = rows
            .map((r) => ({ at: Date.parse(r.at), value: r.value }))
            .filter((p) => !own.has(p.at))
            .sort((a, b) => a.at - b.at);
          for (const p of points) this.remember(state, metric, p.at, p.value);
          state.loaded.add(metric);
          // Judge the rebuilt state once more at the end of the batch: a level held before a restart may have cleared.
          for (const rule of rulesOf(state, metric)) this.markDirty(state, rule, pass);
        }),
      );
    }
  }

  /** Adds a reading to the state without judging (history being rebuilt). */
  private remember(state: StationState, metric: Metric, at: number, value: number): void {
    if (isWindowMetric(metric)) state.seriesOf(metric).add(at, value);
    if (state.profile.kind === 'forest_fire' && (metric === 'rainfall_mm' || isFireMetric(metric)))
      state.fireWeather().add(metric, at, value);
    if (LIMIT_RULES[metric] !== undefined) this.keepLatest(state, metric, at, value);
  }

  private keepLatest(state: StationState, metric: Metric, at: number, value: number): boolean {
    const last = state.latest.get(metric);
    if (last && last.at >= at) return false;
    state.latest.set(metric, { at, value });
    return true;
  }

  private markDirty(state: StationState, rule: AlarmRule, pass: Pass): void {
    pass.dirty.add(state);
    let rules = pass.dirtyRules.get(state);
    if (!rules) pass.dirtyRules.set(state, (rules = new Set()));
    rules.add(rule);
  }

  private judgeReading(state: StationState, metric: Metric, at: number, value: number, pass: Pass): void {
    if (isWindowMetric(metric)) {
      const outcome = state.seriesOf(metric).add(at, value);
      if (outcome === 'newest') this.judgeWindow(state, metric, at, pass);
      else if (outcome === 'late') this.markDirty(state, WINDOW_RULES[metric], pass);
    } else if (LIMIT_RULES[metric] !== undefined) {
      if (this.keepLatest(state, metric, at, value)) this.judgeLimit(state, metric, at, value, pass);
    }
    if (state.profile.kind === 'forest_fire' && (metric === 'rainfall_mm' || isFireMetric(metric))) {
      state.fireWeather().add(metric, at, value);
      this.judgeFire(state, pass);
    }
  }

  private judgeFire(state: StationState, pass: Pass): void {
    const weather = state.fire;
    if (!weather) return;
    const config = state.rules.fire_danger;
    const held = this.held(state, 'fire_danger');
    this.decide(state, 'fire_danger', config.enabled ? evaluateFire(weather, config, held) : DISABLED, weather.latestAt, pass);
  }

  private judgeWindow(state: StationState, metric: WindowMetric, at: number, pass: Pass): void {
    const series = state.seriesOf(metric);
    if (metric === 'rainfall_mm') {
      const config = state.rules.rainfall;
      const held = this.held(state, 'rainfall');
      this.decide(state, 'rainfall', config.enabled ? evaluateRainfall(series, at, config, held) : DISABLED, at, pass);
      return;
    }
    const rule = WINDOW_RULES[metric];
    const config = state.rules[rule];
    const subject = metric === 'displacement_mm' ? '位移速率' : '裂缝变化速率';
    const verdict = config.enabled ? evaluateRate(series, at, config, this.held(state, rule), subject) : DISABLED;
    this.decide(state, rule, verdict, at, pass);
  }

  private judgeLimit(state: StationState, metric: Metric, at: number, value: number, pass: Pass): void {
    const rule = LIMIT_RULES[metric]!;
    const held = this.held(state, rule);
    if (rule === 'water_level') {
      const config = state.rules.water_level;
      this.decide(state, rule, config.enabled ? evaluateWaterLevel(value, state.profile, config, held) : DISABLED, at, pass);
      return;
    }
    const config = state.rules[rule as LimitRule];
    this.decide(state, rule, config.enabled ? evaluateLimit(metric, value, config, held) : DISABLED, at, pass);
  }

  /** Judges a rule at the station's newest time (after late readings or a history load). */
  private judgeNow(state: StationState, rule: AlarmRule, pass: Pass): void {
    if (rule === 'fire_danger') return this.judgeFire(state, pass);
    for (const [metric, windowRule] of Object.entries(WINDOW_RULES) as [WindowMetric, AlarmRule][]) {
      if (windowRule !== rule) continue;
      const series = state.series.get(metric);
      if (series && series.length > 0) this.judgeWindow(state, metric, series.last, pass);
      return;
    }
    for (const [metric, limitRule] of Object.entries(LIMIT_RULES) as [Metric, AlarmRule][]) {
      if (limitRule !== rule) continue;
      const last = state.latest.get(metric);
      if (last) this.judgeLimit(state, metric, last.at, last.value, pass);
      return;
    }
  }

  private held(state: StationState, rule: AlarmRule): AlarmLevel | null {
    return state.levels.get(rule) ?? null;
  }

  /** Reports a verdict when its level differs from the one held (null verdict: not enough data yet). */
  private decide(state: StationState, rule: AlarmRule, verdict: Verdict | null, at: number, pass: Pass): void {
    const held = this.held(state, rule);
    if (!verdict || verdict.level === held) return;
    pass.undo.push({ state, rule, level: held });
    state.levels.set(rule, verdict.level);
    pass.reports.push({
      station: state.profile,
      rule,
      level: verdict.level,
      value: Number.isFinite(verdict.value) ? verdict.value : null,
      at: new Date(at).toISOString(),
      message: verdict.message(),
    });
  }
}

/** The rules a metric of a station feeds. */
function rulesOf(state: StationState, metric: Metric): AlarmRule[] {
  const rules: AlarmRule[] = [];
  if (isWindowMetric(metric)) rules.push(WINDOW_RULES[metric]);
  const limit = LIMIT_RULES[metric];
  if (limit) rules.push(limit);
  if (state.profile.kind === 'forest_fire' && (metric === 'rainfall_mm' || (FIRE_WEATHER as readonly Metric[]).includes(metric)))
    rules.push('fire_danger');
  return rules;
}
