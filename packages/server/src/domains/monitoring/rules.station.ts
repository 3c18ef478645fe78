import { ALARM_RULES, RULE_CONFIG_SCHEMAS, type AlarmRule, type StationRuleView } from '@yingji/contracts/alarms.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope, isWithin } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import type { EvaluationDeps } from './alarms.deps.ts';
import type { StationProfile } from './monitoring.pipeline.ts';
import { RuleBook } from './rules.book.ts';

type StationRulesDeps = Pick<EvaluationDeps, 'db' | 'audit' | 'clock' | 'rules' | 'stations'>;

/**
 * Per-station rule overrides (e.g. a 危化 tank's own pressure limits, a 隐患点's displacement thresholds): versioned
 * rows of their own, each change in the audit log with before and after. `changed` is told so the evaluator reloads.
 */
export class StationRulesService {
  constructor(
    private readonly deps: StationRulesDeps,
    private readonly changed: () => void,
  ) {}

  private async station(actor: Actor, stationId: string): Promise<StationProfile> {
    const profile = await this.deps.stations.profile(stationId);
    // A station outside the actor's scope is answered as unknown, as registers do.
    if (!profile || !isWithin(profile.areaCode, actor.areaCode)) fail('STATION_NOT_FOUND', { stationId });
    return profile;
  }

  async list(actor: Actor, stationId: string): Promise<StationRuleView[]> {
    assertCan(actor, 'monitoring:read');
    const profile = await this.station(actor, stationId);
    const { db, rules } = this.deps;
    const book = await RuleBook.load(rules, db.kysely, 0);
    const rows = await db.kysely.selectFrom('alarm_station_rules').selectAll().where('station_id', '=', stationId).execute();
    return ALARM_RULES.map((rule) => {
      const row = rows.find((r) => r.rule === rule);
      return {
        rule,
        effective: book.config(stationId, profile.kind, rule),
        source: book.source(stationId, profile.kind, rule),
        version: row?.version ?? 0,
        updatedAt: row?.updated_at ?? null,
        updatedBy: row?.updated_by ?? null,
      };
    });
  }

  /** Sets (config) or removes (null) a station's own configuration of one rule. */
  async set(actor: Actor, stationId: string, rule: AlarmRule, config: unknown | null): Promise<StationRuleView[]> {
    assertCan(actor, 'rules:edit');
    const profile = await this.station(actor, stationId);
    assertWithinScope(actor, profile.areaCode);
    let value: string | null = null;
    if (config !== null) {
      const parsed = RULE_CONFIG_SCHEMAS[rule].safeParse(config);
      if (!parsed.success) fail('ALARM_RULE_INVALID', { rule, issues: parsed.error.issues });
      value = JSON.stringify(parsed.data);
    }
    const { db, audit, clock } = this.deps;
    const now = clock.now().toISOString();
    await db.kysely.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('alarm_station_rules')
        .selectAll()
        .where('station_id', '=', stationId)
        .where('rule', '=', rule)
        .executeTakeFirst();
      const row = {
        station_id: stationId,
        rule,
        config: value,
        version: (before?.version ?? 0) + 1,
        area_code: profile.areaCode,
        updated_at: now,
        updated_by: actor.username,
      };
      if (before)
        await trx
          .updateTable('alarm_station_rules')
          .set(row)
          .where('station_id', '=', stationId)
          .where('rule', '=', rule)
          .execute();
      else await trx.insertInto('alarm_station_rules').values(row).execute();
      await audit.record(trx, actor, {
        action: value === null ? 'alarm_rule.station_cleared' : 'alarm_rule.station_set',
        entity: 'alarm_station_rule',
        entityId: `${stationId}|${rule}`,
        areaCode: profile.areaCode,
        before: before?.config ? { version: before.version, config: JSON.parse(before.config) } : null,
        after: { version: row.version, config: value === null ? null : JSON.parse(value) },
      });
    });
    this.changed();
    return this.list(actor, stationId);
  }
}
