import type { EvaluationDeps } from './alarms.deps.ts';
import { AlarmsService } from './alarms.service.ts';
import { ReadingEvaluator } from './evaluator.ts';
import { StationRulesService } from './rules.station.ts';

export interface Evaluation {
  /** Hand to ingest: it calls accept() after each durable batch. */
  evaluator: ReadingEvaluator;
  /** The ConditionSink (hand it to the offline watchdog too) and the alarm register. */
  alarms: AlarmsService;
  /** Per-station rule overrides. */
  stationRules: StationRulesService;
}

/** Wires the rules + alarms half of monitoring; the composition (monitoring/index.ts, platform.ts) calls this once. */
export function createEvaluation(deps: EvaluationDeps): Evaluation {
  const alarms = new AlarmsService(deps);
  const evaluator = new ReadingEvaluator({
    db: deps.db,
    rules: deps.rules,
    recent: deps.recent,
    conditions: alarms,
    openLevels: () => alarms.openLevels(),
    log: deps.log,
    rulesMaxAgeMs: deps.rulesMaxAgeMs,
  });
  const stationRules = new StationRulesService(deps, () => evaluator.rulesChanged());
  return { evaluator, alarms, stationRules };
}
