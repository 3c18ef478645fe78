import { randomBytes, randomUUID } from 'node:crypto';
import type { Alarm } from '@yingji/contracts/alarms.ts';
import type {
  Hazard,
  ReviewDecision,
  Warning,
  WarningDraft,
  WarningEdit,
  WarningListQuery,
  WarningTarget,
} from '@yingji/contracts/warnings.ts';
import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan, can } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';
import type { Executor } from '../../platform/db/types.ts';
import { templateFor } from './warnings.templates.ts';
import type { WarningsDeps } from './warnings.deps.ts';
import { warningsRepo, type WarningRow } from './warnings.repo.ts';
import { assertStep } from './warnings.rules.ts';
import type { WarningPublisher } from './warnings.publish.ts';

export const FANOUT_JOB = 'warnings.fanout';

/** The hazard an E3 alarm rule warns of (the other rules — gas, tanks — are enterprise alarms: 'other'). */
const ALARM_HAZARD: Partial<Record<string, Hazard>> = {
  rainfall: 'rainstorm',
  water_level: 'flood',
  displacement_rate: 'geological',
  crack_rate: 'geological',
  fire_danger: 'forest_fire',
};

interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  opinion: string | null;
}

export function toWarning(row: WarningRow): Warning {
  return {
    id: row.id,
    identifier: row.identifier,
    msgType: row.msg_type,
    replacesId: row.replaces_id,
    hazard: row.hazard,
    level: row.level,
    headline: row.headline,
    description: row.description,
    instruction: row.instruction,
    effective: row.effective,
    expires: row.expires,
    target: JSON.parse(row.target) as WarningTarget,
    groups: JSON.parse(row.groups) as Warning['groups'],
    channels: JSON.parse(row.channels) as Warning['channels'],
    state: row.state,
    areaCode: row.area_code,
    alarmId: row.alarm_id,
    source: row.source,
    sender: row.sender,
    draftedBy: row.drafted_by,
    reviewedBy: row.reviewed_by,
    signedBy: row.signed_by,
    publishedAt: row.published_at,
    endedAt: row.ended_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    history: JSON.parse(row.history) as HistoryEntry[],
  };
}

/**
 * The warning lifecycle: 拟稿 → 提交审核 → 审核（通过或退回）→ 签发即发布 → 更新 / 解除 / 过期. Every step is audited and
 * appended to the warning's own history; 审核 and 签发 are never the drafter's; publishing resolves the target to
 * villages, fixes the CAP document and queues the fan-out to every recipient (see WarningPublisher).
 */
export class WarningsService {
  constructor(
    private readonly deps: WarningsDeps,
    private readonly publisher: WarningPublisher,
  ) {}

  async list(actor: Actor, query: WarningListQuery): Promise<CappedPage<Warning>> {
    assertCan(actor, 'warnings:read');
    const inbox = query.inbox
      ? {
          inboxStates: [
            ...(can(actor, 'warnings:review') ? (['reviewing'] as const) : []),
            ...(can(actor, 'warnings:sign') ? (['approved'] as const) : []),
          ],
          notDraftedBy: actor.username,
        }
      : {};
    const rows = await warningsRepo.list(this.deps.db.kysely, actor.areaCode, { ...query, ...inbox });
    const hasMore = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map(toWarning);
    return { items, total: query.offset + items.length + (hasMore ? 1 : 0), totalCapped: hasMore, hasMore };
  }

  async get(actor: Actor, id: string): Promise<Warning> {
    return toWarning(await this.row(actor, id));
  }

  async row(actor: Actor, id: string, db: Executor = this.deps.db.kysely): Promise<WarningRow> {
    assertCan(actor, 'warnings:read');
    const row = await warningsRepo.byId(db, actor.areaCode, id);
    if (!row) fail('WARNING_NOT_FOUND', { id });
    return row;
  }

  async draft(actor: Actor, input: WarningDraft, replaces: WarningRow | null = null): Promise<Warning> {
    assertCan(actor, 'warnings:draft');
    this.checkTimes(input.effective, input.expires);
    // Resolving now refuses a target outside the actor's area, or one that reaches no village, at the first save.
    await this.publisher.villagesOf(actor, input.target);
    const now = this.deps.clock.now().toISOString();
    const row: WarningRow = {
      id: randomUUID(),
      identifier: null,
      msg_type: replaces ? 'Update' : 'Alert',
      replaces_id: replaces?.id ?? null,
      hazard: input.hazard,
      level: input.level,
      headline: input.headline,
      description: input.description,
      instruction: input.instruction,
      effective: input.effective,
      expires: new Date(input.expires).toISOString(),
      target: JSON.stringify(input.target),
      groups: JSON.stringify(input.groups),
      channels: JSON.stringify(input.channels),
      state: 'draft',
      area_code: actor.areaCode,
      alarm_id: input.alarmId,
      source: 'local',
      sender: null,
      drafted_by: actor.username,
      reviewed_by: null,
      signed_by: null,
      published_at: null,
      ended_at: null,
      history: JSON.stringify([{ at: now, actor: actor.username, action: replaces ? '起草更新' : '拟稿', opinion: null }]),
      cap_xml: null,
      cancel_identifier: null,
      cancel_xml: null,
      receipt_key: randomBytes(16).toString('hex'),
      fanned_out: 0,
      created_at: now,
      updated_at: now,
    };
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      await warningsRepo.insert(trx, row);
      await this.deps.audit.record(trx, actor, {
        action: 'warning.draft',
        entity: 'warning',
        entityId: row.id,
        areaCode: row.area_code,
        after: toWarning(row),
      });
    });
    await this.changed(row, 'draft');
    return toWarning(row);
  }

  /** 转预警草稿: hazard, level and the alarm's village pre-filled from an E3 alarm, with the hazard's template text. */
  async draftFromAlarm(actor: Actor, alarm: Alarm): Promise<{ id: string }> {
    const hazard = ALARM_HAZARD[alarm.rule] ?? 'other';
    const template = templateFor(hazard, alarm.peakLevel);
    const villageOrTownship = alarm.areaCode.length >= 12 ? alarm.areaCode.slice(0, 12) : alarm.areaCode;
    const expires = new Date(this.deps.clock.now().getTime() + 24 * 3600_000).toISOString();
    const warning = await this.draft(actor, {
      hazard,
      level: alarm.peakLevel,
      headline: template.headline,
      description: `${alarm.stationName}监测告警：${alarm.message}。${template.description}`,
      instruction: template.instruction,
      effective: null,
      expires,
      target: { areaCodes: [villageOrTownship], polygon: null, circle: null },
      groups: template.groups,
      channels: ['sms', 'app'],
      alarmId: alarm.id,
    });
    return { id: warning.id };
  }

  async edit(actor: Actor, id: string, input: WarningEdit): Promise<Warning> {
    assertCan(actor, 'warnings:draft');
    // Resolved before the step's transaction: on SQLite it holds the one connection the areas lookup would need.
    if (input.target) await this.publisher.villagesOf(actor, input.target);
    return this.step(actor, id, 'edit', '修改', null, async (row) => {
      const merged = { ...row, ...(input.target && { target: JSON.stringify(input.target) }) };
      const effective = input.effective !== undefined ? input.effective : row.effective;
      const expires = input.expires ? new Date(input.expires).toISOString() : row.expires;
      this.checkTimes(effective, expires);
      return {
        ...merged,
        hazard: input.hazard ?? row.hazard,
        level: input.level ?? row.level,
        headline: input.headline ?? row.headline,
        description: input.description ?? row.description,
        instruction: input.instruction ?? row.instruction,
        effective,
        expires,
        groups: input.groups ? JSON.stringify(input.groups) : row.groups,
        channels: input.channels ? JSON.stringify(input.channels) : row.channels,
      };
    });
  }

  submit(actor: Actor, id: string): Promise<Warning> {
    assertCan(actor, 'warnings:draft');
    return this.step(actor, id, 'submit', '提交审核', null, async (row) => ({ ...row, state: 'reviewing' }));
  }

  review(actor: Actor, id: string, decision: ReviewDecision): Promise<Warning> {
    assertCan(actor, 'warnings:review');
    const action = decision.approve ? '审核通过' : '审核退回';
    return this.step(actor, id, 'review', action, decision.opinion, async (row) => {
      this.notTheDrafter(actor, row);
      return decision.approve
        ? { ...row, state: 'approved', reviewed_by: actor.username }
        : { ...row, state: 'draft', reviewed_by: null };
    });
  }

  /** 签发: publishes at once — the fan-out is queued in the same transaction and started right after the commit. */
  async sign(actor: Actor, id: string, opinion: string | null): Promise<Warning> {
    assertCan(actor, 'warnings:sign');
    const current = await this.row(actor, id);
    assertStep(current.state, 'sign');
    this.notTheDrafter(actor, current);
    const prepared = await this.publisher.prepare(actor, current);
    const published = await this.step(actor, id, 'sign', '签发发布', opinion, async (row, trx) => {
      const next = await this.publisher.publish(trx, actor, row, prepared);
      await this.deps.jobs.enqueue(
        trx,
        FANOUT_JOB,
        { warningId: id, kind: 'alert' },
        { idempotencyKey: `${FANOUT_JOB}:${id}:alert` },
      );
      return next;
    });
    await this.publisher.announce(published, prepared.villages.length);
    this.deps.jobs.kick();
    return published;
  }

  /** 更新: a new draft (msgType Update) that replaces this warning once it is signed in its turn. */
  async update(actor: Actor, id: string, input: WarningEdit): Promise<Warning> {
    assertCan(actor, 'warnings:draft');
    const row = await this.row(actor, id);
    this.local(row);
    assertStep(row.state, 'update');
    const { hazard, level, headline, description, instruction, effective, expires, target, groups, channels, alarmId } =
      toWarning(row);
    // The fields the edit gives replace the published warning's; the link to its alarm stays.
    const fields = { hazard, level, headline, description, instruction, effective, expires, target, groups, channels };
    return this.draft(actor, { ...fields, ...input, alarmId }, row);
  }

  /** 解除: ends the warning, issues the CAP Cancel and sends the 解除 notice to everyone it reached. */
  async cancel(actor: Actor, id: string, opinion: string | null): Promise<Warning> {
    assertCan(actor, 'warnings:review');
    const current = await this.row(actor, id);
    assertStep(current.state, 'cancel');
    const prepared = await this.publisher.prepareCancel(current);
    const cancelled = await this.step(actor, id, 'cancel', '解除', opinion, async (row, trx) => {
      const next = await this.publisher.cancel(trx, row, prepared);
      await this.deps.jobs.enqueue(
        trx,
        FANOUT_JOB,
        { warningId: id, kind: 'cancel' },
        { idempotencyKey: `${FANOUT_JOB}:${id}:cancel` },
      );
      return next;
    });
    await this.deps.events.publish('warning.ended', cancelled.areaCode, { id, state: 'cancelled', headline: cancelled.headline });
    this.deps.jobs.kick();
    return cancelled;
  }

  /** The expiry sweep: published warnings whose time is up end by themselves (no message is sent). */
  async expireDue(): Promise<number> {
    const now = this.deps.clock.now().toISOString();
    const ids = await warningsRepo.expiredIds(this.deps.db.kysely, now);
    for (const id of ids) {
      const row = await this.deps.db.kysely.transaction().execute(async (trx) => {
        const before = await warningsRepo.byId(trx, '', id);
        if (!before || before.state !== 'published') return null;
        const after = this.withHistory(
          { ...before, state: 'expired' as const, ended_at: now, updated_at: now },
          'system',
          '到期自动失效',
          null,
        );
        await warningsRepo.update(trx, id, { state: after.state, ended_at: now, updated_at: now, history: after.history });
        await this.deps.audit.record(trx, null, {
          action: 'warning.expire',
          entity: 'warning',
          entityId: id,
          areaCode: before.area_code,
          before: { state: before.state },
          after: { state: 'expired' },
        });
        return after;
      });
      if (row) await this.deps.events.publish('warning.ended', row.area_code, { id, state: 'expired', headline: row.headline });
    }
    return ids.length;
  }

  /** One lifecycle step in one transaction: state check, change, history, audit; the event after commit. */
  private async step(
    actor: Actor,
    id: string,
    step: Parameters<typeof assertStep>[1],
    action: string,
    opinion: string | null,
    change: (row: WarningRow, trx: Executor) => Promise<WarningRow>,
  ): Promise<Warning> {
    const after = await this.deps.db.kysely.transaction().execute(async (trx) => {
      const before = await this.row(actor, id, trx);
      this.local(before);
      assertWithinScope(actor, before.area_code);
      assertStep(before.state, step);
      const now = this.deps.clock.now().toISOString();
      const next = this.withHistory({ ...(await change(before, trx)), updated_at: now }, actor.username, action, opinion);
      const { id: _id, ...changes } = next;
      await warningsRepo.update(trx, id, changes);
      await this.deps.audit.record(trx, actor, {
        action: `warning.${step}`,
        entity: 'warning',
        entityId: id,
        areaCode: before.area_code,
        before: { state: before.state },
        after: { state: next.state, opinion },
      });
      return next;
    });
    await this.changed(after, step);
    return toWarning(after);
  }

  private withHistory(row: WarningRow, actor: string, action: string, opinion: string | null): WarningRow {
    const history = JSON.parse(row.history) as HistoryEntry[];
    history.push({ at: this.deps.clock.now().toISOString(), actor, action, opinion });
    return { ...row, history: JSON.stringify(history) };
  }

  private notTheDrafter(actor: Actor, row: WarningRow): void {
    if (row.drafted_by === actor.username) fail('WARNING_SELF_APPROVAL', { draftedBy: row.drafted_by });
  }

  private local(row: WarningRow): void {
    if (row.source !== 'local') fail('WARNING_NOT_LOCAL', { id: row.id });
  }

  private checkTimes(effective: string | null, expires: string): void {
    const end = Date.parse(expires);
    if (end <= this.deps.clock.now().getTime() || (effective !== null && end <= Date.parse(effective))) {
      fail('WARNING_EXPIRES_INVALID', { effective, expires });
    }
  }

  private async changed(row: WarningRow, action: string): Promise<void> {
    await this.deps.events.publish('warning.changed', row.area_code, { id: row.id, state: row.state, action });
  }
}
