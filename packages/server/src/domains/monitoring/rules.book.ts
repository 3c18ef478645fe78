import { ALARM_RULES, RULE_CONFIG_SCHEMAS, type AlarmRule, type RuleConfigs } from '@yingji/contracts/alarms.ts';
import type { StationKind } from '@yingji/contracts/monitoring.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { RuleDefinition, RulesService } from '../../platform/rules/rules.ts';
import { RULE_DEFINITIONS } from './rules.defaults.ts';

type Family<K extends AlarmRule> = { default: RuleConfigs[K]; byKind: Partial<Record<StationKind, RuleConfigs[K]>> };
type Families = { [K in AlarmRule]: Family<K> };

export type RuleSource = 'station' | 'kind' | 'default';

/**
 * Every rule's configuration as in force now: the county-wide families (platform rules) and the per-station
 * overrides. Resolving a station is a few map lookups; the evaluator caches the result per station.
 */
export class RuleBook {
  constructor(
    private readonly families: Families,
    /** stationId → rule → configuration. */
    private readonly overrides: Map<string, Map<AlarmRule, unknown>>,
    /** Bumped on every reload, so cached resolutions know they are stale. */
    readonly version: number,
  ) {}

  static async load(rules: RulesService, db: Executor, version: number): Promise<RuleBook> {
    const families = {} as Record<AlarmRule, unknown>;
    await Promise.all(
      ALARM_RULES.map(async (rule) => {
        // Each definition's value has its own shape; RuleBook reads them back by rule key with the matching type.
        families[rule] = await rules.get(RULE_DEFINITIONS[rule] as RuleDefinition);
      }),
    );
    const rows = await db
      .selectFrom('alarm_station_rules')
      .select(['station_id', 'rule', 'config'])
      .where('config', 'is not', null)
      .execute();
    const overrides = new Map<string, Map<AlarmRule, unknown>>();
    for (const row of rows) {
      const rule = row.rule as AlarmRule;
      const parsed = RULE_CONFIG_SCHEMAS[rule]?.safeParse(JSON.parse(row.config!));
      // A stored override that no longer fits its schema (an upgrade changed it) falls back to the kind's rule.
      if (!parsed?.success) continue;
      let forStation = overrides.get(row.station_id);
      if (!forStation) overrides.set(row.station_id, (forStation = new Map()));
      forStation.set(rule, parsed.data);
    }
    return new RuleBook(families as Families, overrides, version);
  }

  source(stationId: string, kind: StationKind, rule: AlarmRule): RuleSource {
    if (this.overrides.get(stationId)?.has(rule)) return 'station';
    return this.families[rule].byKind[kind] ? 'kind' : 'default';
  }

  config<K extends AlarmRule>(stationId: string, kind: StationKind, rule: K): RuleConfigs[K] {
    const own = this.overrides.get(stationId)?.get(rule) as RuleConfigs[K] | undefined;
    if (own) return own;
    const family = this.families[rule] as Family<K>;
    return family.byKind[kind] ?? family.default;
  }

  /** All rules of a station, with rainfall windows shortest first (messages name the shortest deciding window). */
  resolve(stationId: string, kind: StationKind): RuleConfigs {
    const out = {} as Record<AlarmRule, unknown>;
    for (const rule of ALARM_RULES) out[rule] = this.config(stationId, kind, rule);
    const rainfall = out.rainfall as RuleConfigs['rainfall'];
    out.rainfall = { ...rainfall, windows: [...rainfall.windows].sort((a, b) => a.hours - b.hours) };
    return out as RuleConfigs;
  }
}
