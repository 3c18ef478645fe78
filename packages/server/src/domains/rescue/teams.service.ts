import { randomUUID } from 'node:crypto';
import type {
  Member,
  Team,
  TeamCreate,
  TeamDetail,
  TeamListQuery,
  TeamUpdate,
  StandardsReport,
} from '@yingji/contracts/rescue.ts';
import type { CappedPage } from '@yingji/contracts/common.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { fail } from '../../platform/errors.ts';
import { equipmentRepo } from './equipment.repo.ts';
import { membersRepo } from './members.repo.ts';
import type { RescueDeps } from './rescue.deps.ts';
import { toEquipment, toMember, toTeam } from './rescue.mappers.ts';
import { assertMayKeepTeam } from './rescue.policy.ts';
import { TEAM_MINIMUM_MEMBERS } from './rescue.rules-config.ts';
import { belowStandard, shanghaiDate } from './rescue.rules.ts';
import { teamsRepo, type TeamRow } from './teams.repo.ts';

/** 救援队伍: the register of teams, their detail with members and equipment, and the R-08 standards check. */
export class TeamsService {
  constructor(private readonly deps: RescueDeps) {}

  async list(actor: Actor, query: TeamListQuery): Promise<CappedPage<Team>> {
    assertCan(actor, 'rescue:read');
    const { rows, ...page } = await teamsRepo.list(this.deps.db.kysely, this.deps.db.dialect, actor.areaCode, query);
    return { items: rows.map(toTeam), ...page };
  }

  async get(actor: Actor, id: string): Promise<TeamDetail> {
    assertCan(actor, 'rescue:read');
    const db = this.deps.db.kysely;
    const row = await teamsRepo.byId(db, actor.areaCode, id);
    // Out of scope and absent look the same: a scope must not reveal what exists outside it.
    if (!row) fail('RESCUE_TEAM_NOT_FOUND', { id });
    const members = await membersRepo.byTeam(db, actor.areaCode, id);
    const certificates = await membersRepo.certificatesOf(
      db,
      members.map((m) => m.id),
    );
    const equipment = (await equipmentRepo.all(db, actor.areaCode, { ownerType: 'team', ownerId: id })).map(toEquipment);
    const summary = new Map<string, { kind: string; unit: string; quantity: number; good: number }>();
    for (const e of equipment.filter((x) => x.state !== 'scrapped')) {
      const s = summary.get(e.kind) ?? { kind: e.kind, unit: e.unit, quantity: 0, good: 0 };
      s.quantity += e.quantity;
      if (e.state === 'good') s.good += e.quantity;
      summary.set(e.kind, s);
    }
    const today = shanghaiDate(this.deps.clock.now());
    return {
      ...toTeam(row),
      members: members.map((m) => toMember(m, certificates.get(m.id) ?? [], today)).sort(byRank),
      equipment,
      equipmentSummary: [...summary.values()],
    };
  }

  async create(actor: Actor, input: TeamCreate): Promise<Team> {
    assertCan(actor, 'rescue:edit');
    assertMayKeepTeam(actor, input.level);
    const areaCode = await this.deps.areas.locate(actor, input.lon, input.lat);
    const { db, audit, clock, events } = this.deps;
    const id = randomUUID();
    const created = await db.kysely.transaction().execute(async (trx) => {
      if (await teamsRepo.nameTaken(trx, input.name)) fail('RESCUE_TEAM_NAME_TAKEN', { name: input.name });
      const now = clock.now().toISOString();
      await teamsRepo.insert(trx, db.dialect, [
        {
          id,
          ...teamInsertColumns(input),
          area_code: areaCode,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        },
      ]);
      const row = (await teamsRepo.byId(trx, actor.areaCode, id))!;
      await audit.record(trx, actor, {
        action: 'rescue.team.create',
        entity: 'rescue_team',
        entityId: id,
        areaCode,
        after: toTeam(row),
      });
      return row;
    });
    await events.publish('rescue.changed', areaCode, { kind: 'team', id, action: 'created' });
    return toTeam(created);
  }

  async update(actor: Actor, id: string, input: TeamUpdate): Promise<Team> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, clock, events } = this.deps;
    const before = await teamsRepo.byId(db.kysely, actor.areaCode, id);
    if (!before) fail('RESCUE_TEAM_NOT_FOUND', { id });
    assertMayKeepTeam(actor, before.level);
    assertMayKeepTeam(actor, input.level);
    // A move is checked like a creation: inside the county and inside the actor's scope.
    const areaCode =
      input.lon !== undefined && input.lat !== undefined
        ? await this.deps.areas.locate(actor, input.lon, input.lat)
        : before.area_code;
    const after = await db.kysely.transaction().execute(async (trx) => {
      if (input.name !== undefined && (await teamsRepo.nameTaken(trx, input.name, id))) {
        fail('RESCUE_TEAM_NAME_TAKEN', { name: input.name });
      }
      const now = clock.now().toISOString();
      await teamsRepo.update(trx, db.dialect, id, { ...teamColumns(input), area_code: areaCode, updated_at: now });
      if (areaCode !== before.area_code) await equipmentRepo.moveTeamEquipment(trx, id, areaCode, now);
      const row = (await teamsRepo.byId(trx, actor.areaCode, id))!;
      await audit.record(trx, actor, {
        action: 'rescue.team.update',
        entity: 'rescue_team',
        entityId: id,
        areaCode,
        before: toTeam(before),
        after: toTeam(row),
      });
      return row;
    });
    await events.publish('rescue.changed', areaCode, { kind: 'team', id, action: 'updated' });
    return toTeam(after);
  }

  /** Removes a team with its members; a team still holding equipment must hand it over first. */
  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, events } = this.deps;
    const before = await db.kysely.transaction().execute(async (trx) => {
      const row = await teamsRepo.byId(trx, actor.areaCode, id);
      if (!row) fail('RESCUE_TEAM_NOT_FOUND', { id });
      assertMayKeepTeam(actor, row.level);
      const held = await equipmentRepo.teamHolds(trx, id);
      if (held > 0) fail('RESCUE_TEAM_HAS_EQUIPMENT', { id, equipment: held });
      await teamsRepo.remove(trx, db.dialect, id);
      await audit.record(trx, actor, {
        action: 'rescue.team.delete',
        entity: 'rescue_team',
        entityId: id,
        areaCode: row.area_code,
        before: toTeam(row),
      });
      return row;
    });
    await events.publish('rescue.changed', before.area_code, { kind: 'team', id, action: 'deleted' });
  }

  /** teams in the actor's scope below their level's minimum, under the rule in force. */
  async standards(actor: Actor): Promise<StandardsReport> {
    assertCan(actor, 'rescue:read');
    const rule = await this.deps.rules.get(TEAM_MINIMUM_MEMBERS);
    const teams = await teamsRepo.all(this.deps.db.kysely, actor.areaCode);
    const { checked, items } = belowStandard(
      teams.map((t) => ({
        id: t.id,
        name: t.name,
        type: t.type,
        level: t.level,
        areaCode: t.area_code,
        members: t.member_count,
      })),
      rule,
    );
    return { minimumByLevel: rule.minimumByLevel, appliesToTypes: rule.appliesToTypes, checked, items };
  }

  /** Every team, system-wide, for the spatial index (no actor: the index serves every scope and filters later). */
  allRows(): Promise<TeamRow[]> {
    return teamsRepo.all(this.deps.db.kysely, '');
  }
}

/** 队长 and 副队长 first, as a roster is read; then by name. */
const RANKS = ['队长', '副队长', '指导员'];
function byRank(a: Member, b: Member): number {
  const rank = (m: Member) => (RANKS.includes(m.position ?? '') ? RANKS.indexOf(m.position!) : RANKS.length);
  return rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN');
}

/** The columns a create or update sets, from the API's field names. */
export function teamColumns(input: TeamUpdate) {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.type !== undefined && { type: input.type }),
    ...(input.level !== undefined && { level: input.level }),
    ...(input.specialty !== undefined && { specialty: input.specialty }),
    ...(input.baseAddress !== undefined && { base_address: input.baseAddress }),
    ...(input.lon !== undefined && { lon: input.lon }),
    ...(input.lat !== undefined && { lat: input.lat }),
    ...(input.leaderName !== undefined && { leader_name: input.leaderName }),
    ...(input.leaderPhone !== undefined && { leader_phone: input.leaderPhone }),
    ...(input.dutyPhone !== undefined && { duty_phone: input.dutyPhone }),
    ...(input.dutyState !== undefined && { duty_state: input.dutyState }),
    ...(input.remarks !== undefined && { remarks: input.remarks }),
  };
}

export function teamInsertColumns(input: TeamCreate) {
  return {
    name: input.name,
    type: input.type,
    level: input.level,
    specialty: input.specialty,
    base_address: input.baseAddress,
    lon: input.lon,
    lat: input.lat,
    leader_name: input.leaderName,
    leader_phone: input.leaderPhone,
    duty_phone: input.dutyPhone,
    duty_state: input.dutyState,
    remarks: input.remarks,
  };
}
