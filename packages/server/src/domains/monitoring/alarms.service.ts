import { randomUUID } from 'node:crypto';
import type { Alarm, AlarmChange, AlarmDetail, AlarmListQuery } from '@yingji/contracts/alarms.ts';
import type { AlarmLevel } from '@yingji/contracts/monitoring.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import type { EvaluationDeps } from './alarms.deps.ts';
import type { AlarmEvent } from './alarms.events.ts';
import { alarmsRepo, type AlarmRow } from './alarms.repo.ts';
import type { AlarmHistoryTable } from './alarms.tables.ts';
import type { ConditionReport, ConditionSink } from './monitoring.pipeline.ts';
import { higherLevel, levelRank } from './rules.levels.ts';

type AlarmsDeps = Pick<EvaluationDeps, 'db' | 'audit' | 'events' | 'clock' | 'log'>;
type ChangeKind = AlarmHistoryTable['kind'];
type Published = {
  type: 'alarm.raised' | 'alarm.escalated' | 'alarm.lowered' | 'alarm.recovered';
  row: AlarmRow;
  data: AlarmEvent;
};

export function toAlarm(row: AlarmRow): Alarm {
  return {
    id: row.id,
    stationId: row.station_id,
    stationCode: row.station_code,
    stationName: row.station_name,
    stationKind: row.station_kind,
    areaCode: row.area_code,
    rule: row.rule,
    state: row.state,
    level: row.level,
    peakLevel: row.peak_level,
    value: row.value,
    message: row.message,
    raisedAt: row.raised_at,
    changedAt: row.changed_at,
    recoveredAt: row.recovered_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    ackNote: row.ack_note,
    warningId: row.warning_id,
    incidentId: row.incident_id,
  };
}

function eventOf(row: AlarmRow, previousLevel: AlarmLevel | null, at: string): AlarmEvent {
  return {
    id: row.id,
    stationId: row.station_id,
    stationCode: row.station_code,
    stationName: row.station_name,
    stationKind: row.station_kind,
    rule: row.rule,
    level: row.level,
    previousLevel,
    peakLevel: row.peak_level,
    value: row.value,
    message: row.message,
    at,
  };
}

/**
 * 告警: turns condition reports into alarms — one open alarm per station and rule, raised, escalated or lowered as
 * the level changes, recovered when the condition clears — and lets a duty officer acknowledge them. The reports of
 * one reading batch are written in one transaction; events go out after it commits.
 */
export type AlarmLinkTarget = 'warning' | 'incident';
/** Makes the linked record (a warning draft, an incident) from an alarm, as the actor; returns its id. */
export type AlarmConverter = (actor: Actor, alarm: Alarm) => Promise<{ id: string }>;

export class AlarmsService implements ConditionSink {
  private readonly converters = new Map<AlarmLinkTarget, AlarmConverter>();
  /** Reports are applied one batch at a time, in the order they arrive, so a station's changes keep their order. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AlarmsDeps) {}

  report(conditions: readonly ConditionReport[]): Promise<void> {
    if (conditions.length === 0) return Promise.resolve();
    const run = this.tail.then(() => this.apply(conditions));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async apply(conditions: readonly ConditionReport[]): Promise<void> {
    const { db, audit, events, clock } = this.deps;
    const now = clock.now().toISOString();
    const published: Published[] = [];
    await db.kysely.transaction().execute(async (trx) => {
      const keys = [...new Set(conditions.map((c) => `${c.station.id}|${c.rule}`))];
      const open = new Map((await alarmsRepo.openByKeys(trx, db.dialect, keys)).map((row) => [row.open_key!, row]));
      const inserted = new Map<string, AlarmRow>();
      const updated = new Map<string, AlarmRow>();
      const before = new Map<string, AlarmRow | null>();
      const history: AlarmHistoryTable[] = [];
      const change = (row: AlarmRow, kind: ChangeKind, from: AlarmLevel | null, to: AlarmLevel | null, c: ConditionReport) => {
        row.changes += 1;
        history.push({
          alarm_id: row.id,
          seq: row.changes,
          at: c.at,
          kind,
          from_level: from,
          to_level: to,
          value: c.value,
          message: c.message,
          actor: 'system',
          recorded_at: now,
        });
      };

      for (const c of conditions) {
        const key = `${c.station.id}|${c.rule}`;
        const current = open.get(key);
        if (c.level === null) {
          if (!current) continue;
          if (!before.has(current.id)) before.set(current.id, { ...current });
          Object.assign(current, {
            state: 'recovered',
            open_key: null,
            recovered_at: c.at,
            changed_at: c.at,
            value: c.value,
            message: c.message,
            updated_at: now,
          });
          change(current, 'recovered', current.level, null, c);
          if (!inserted.has(current.id)) updated.set(current.id, current);
          open.delete(key);
          published.push({ type: 'alarm.recovered', row: current, data: eventOf(current, current.level, c.at) });
          continue;
        }
        if (!current) {
          const row: AlarmRow = {
            id: randomUUID(),
            station_id: c.station.id,
            station_code: c.station.code,
            station_name: c.station.name,
            station_kind: c.station.kind,
            area_code: c.station.areaCode,
            rule: c.rule,
            state: 'active',
            level: c.level,
            peak_level: c.level,
            value: c.value,
            message: c.message,
            raised_at: c.at,
            changed_at: c.at,
            recovered_at: null,
            acknowledged_at: null,
            acknowledged_by: null,
            ack_note: null,
            warning_id: null,
            incident_id: null,
            open_key: key,
            changes: 0,
            created_at: now,
            updated_at: now,
          };
          change(row, 'raised', null, c.level, c);
          inserted.set(row.id, row);
          before.set(row.id, null);
          open.set(key, row);
          published.push({ type: 'alarm.raised', row, data: eventOf(row, null, c.at) });
          continue;
        }
        if (c.level === current.level) continue; // the condition still holds at the same level: nothing new
        if (!before.has(current.id)) before.set(current.id, { ...current });
        const previous = current.level;
        const rising = levelRank(c.level) > levelRank(previous);
        Object.assign(current, {
          level: c.level,
          peak_level: higherLevel(current.peak_level, c.level)!,
          changed_at: c.at,
          value: c.value,
          message: c.message,
          updated_at: now,
        });
        // An acknowledgement covers the level it was given at: a rise asks the duty officer again (the earlier
        // acknowledgement stays in the history).
        if (rising) Object.assign(current, { acknowledged_at: null, acknowledged_by: null, ack_note: null });
        change(current, rising ? 'escalated' : 'lowered', previous, c.level, c);
        if (!inserted.has(current.id)) updated.set(current.id, current);
        published.push({
          type: rising ? 'alarm.escalated' : 'alarm.lowered',
          row: current,
          data: eventOf(current, previous, c.at),
        });
      }

      // Updates first: an alarm recovered and raised again in one batch frees its open key before the new row takes it.
      for (const row of updated.values()) {
        const { id, ...patch } = row;
        await alarmsRepo.update(trx, id, patch);
      }
      await alarmsRepo.insert(trx, [...inserted.values()]);
      await alarmsRepo.insertHistory(trx, history);
      // One audit entry per alarm changed in this batch, with its state before and after (the history table holds
      // every step); the actor is the system.
      for (const [id, was] of before) {
        const after = inserted.get(id) ?? updated.get(id)!;
        await audit.record(trx, null, {
          action: was === null ? 'alarm.raised' : after.state === 'recovered' ? 'alarm.recovered' : 'alarm.changed',
          entity: 'alarm',
          entityId: id,
          areaCode: after.area_code,
          before: was && { state: was.state, level: was.level, value: was.value },
          after: { state: after.state, level: after.level, value: after.value, message: after.message },
        });
      }
    });
    for (const p of published) {
      // An event carries the alarm as it was at that step (a batch may raise and escalate the same alarm).
      await events.publish(p.type, p.row.area_code, p.data);
    }
  }

  /** The level of every active alarm, for the evaluator's start (it reports only changes). */
  async openLevels(): Promise<{ stationId: string; rule: string; level: AlarmLevel }[]> {
    const rows = await alarmsRepo.openLevels(this.deps.db.kysely);
    return rows.map((r) => ({ stationId: r.station_id, rule: r.rule, level: r.level }));
  }

  async list(actor: Actor, query: AlarmListQuery): Promise<{ items: Alarm[]; total: number }> {
    assertCan(actor, 'monitoring:read');
    const { rows, total } = await alarmsRepo.list(this.deps.db.kysely, actor.areaCode, query);
    return { items: rows.map(toAlarm), total };
  }

  async get(actor: Actor, id: string): Promise<AlarmDetail> {
    assertCan(actor, 'monitoring:read');
    const db = this.deps.db.kysely;
    const row = await alarmsRepo.byId(db, id, actor.areaCode);
    if (!row) fail('ALARM_NOT_FOUND', { id });
    const history = await alarmsRepo.history(db, id);
    return {
      ...toAlarm(row),
      history: history.map((h): AlarmChange => ({
        seq: h.seq,
        at: h.at,
        kind: h.kind,
        fromLevel: h.from_level,
        toLevel: h.to_level,
        value: h.value,
        message: h.message,
        actor: h.actor,
      })),
    };
  }

  /** 确认: a duty officer of the alarm's area takes note of it (active or already recovered), once. */
  async acknowledge(actor: Actor, id: string, note: string): Promise<Alarm> {
    assertCan(actor, 'alarms:ack');
    const { db, audit, events, clock } = this.deps;
    const now = clock.now().toISOString();
    const row = await db.kysely.transaction().execute(async (trx) => {
      const current = await alarmsRepo.byId(trx, id, actor.areaCode, db.dialect);
      if (!current) fail('ALARM_NOT_FOUND', { id });
      if (current.acknowledged_at !== null)
        fail('ALARM_ALREADY_ACKNOWLEDGED', { acknowledgedBy: current.acknowledged_by, acknowledgedAt: current.acknowledged_at });
      const next: AlarmRow = {
        ...current,
        acknowledged_at: now,
        acknowledged_by: actor.username,
        ack_note: note,
        changes: current.changes + 1,
        updated_at: now,
      };
      await alarmsRepo.update(trx, id, {
        acknowledged_at: now,
        acknowledged_by: actor.username,
        ack_note: note,
        changes: next.changes,
        updated_at: now,
      });
      await alarmsRepo.insertHistory(trx, [
        {
          alarm_id: id,
          seq: next.changes,
          at: now,
          kind: 'acknowledged',
          from_level: current.level,
          to_level: current.level,
          value: current.value,
          message: note,
          actor: actor.username,
          recorded_at: now,
        },
      ]);
      await audit.record(trx, actor, {
        action: 'alarm.acknowledged',
        entity: 'alarm',
        entityId: id,
        areaCode: current.area_code,
        before: { acknowledgedAt: null },
        after: { acknowledgedAt: now, acknowledgedBy: actor.username, note },
      });
      return next;
    });
    await events.publish('alarm.acknowledged', row.area_code, {
      ...eventOf(row, row.level, now),
      acknowledgedBy: actor.username,
      note,
    });
    return toAlarm(row);
  }

  /**
   * 转预警草稿 (E4) / 转事件 (E6): the link point. The alarm must exist in the actor's scope and the actor may act on
   * alarms; the domain that owns the target registers a converter (setConverter). Converting twice returns the first
   * link; without a converter (the domain is not part of this build yet) the answer is ALARM_ACTION_NOT_AVAILABLE.
   */
  async convert(actor: Actor, id: string, target: AlarmLinkTarget): Promise<{ id: string }> {
    assertCan(actor, 'alarms:ack');
    const row = await alarmsRepo.byId(this.deps.db.kysely, id, actor.areaCode);
    if (!row) fail('ALARM_NOT_FOUND', { id });
    const linked = target === 'warning' ? row.warning_id : row.incident_id;
    if (linked) return { id: linked };
    const converter = this.converters.get(target);
    if (!converter) fail('ALARM_ACTION_NOT_AVAILABLE', { target, alarmId: id });
    const created = await converter(actor, toAlarm(row));
    await alarmsRepo.update(
      this.deps.db.kysely,
      id,
      target === 'warning' ? { warning_id: created.id } : { incident_id: created.id },
    );
    return created;
  }

  /** Called once by the composition root for each domain an alarm can become (warnings, incidents). */
  setConverter(target: AlarmLinkTarget, converter: AlarmConverter): void {
    this.converters.set(target, converter);
  }
}
