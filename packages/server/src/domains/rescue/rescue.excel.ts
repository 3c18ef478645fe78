import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { TEAM_LEVELS, TEAM_TYPES } from '@yingji/contracts/rescue.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import type { Executor } from '../../platform/db/types.ts';
import { AppError, ERRORS, fail } from '../../platform/errors.ts';
import { fromXlsx, templateXlsx, toXlsx, type RowError, type SheetColumn } from '../../platform/excel.ts';
import { equipmentInsertColumns } from './equipment.service.ts';
import { expertInsertColumns } from './experts.service.ts';
import { certificateRows } from './members.service.ts';
import type { RescueDeps } from './rescue.deps.ts';
import { mayKeepTeamOfLevel } from './rescue.policy.ts';
import type { RescueService } from './rescue.service.ts';
import {
  EQUIPMENT_COLUMNS,
  EQUIPMENT_EXPORT_COLUMNS,
  EXPERT_COLUMNS,
  EXPERT_EXPORT_COLUMNS,
  MEMBER_COLUMNS,
  MEMBER_EXPORT_COLUMNS,
  STANDARDS_COLUMNS,
  TEAM_COLUMNS,
  TEAM_EXPORT_COLUMNS,
  equipmentToRow,
  expertToRow,
  memberToRow,
  teamToRow,
  zEquipmentRow,
  zExpertRow,
  zMemberRow,
  zTeamRow,
} from './rescue.sheets.ts';
import { expertsRepo } from './experts.repo.ts';
import { teamsRepo } from './teams.repo.ts';
import { teamInsertColumns } from './teams.service.ts';

export const REGISTERS = {
  teams: { sheet: '救援队伍', columns: TEAM_COLUMNS },
  members: { sheet: '救援队员', columns: MEMBER_COLUMNS },
  experts: { sheet: '专家库', columns: EXPERT_COLUMNS },
  equipment: { sheet: '装备', columns: EQUIPMENT_COLUMNS },
} as const;
export type Register = keyof typeof REGISTERS;

/** Everything a whole export needs at once; registers are county-sized (thousands of rows), not millions. */
const ALL = { limit: 1_000_000, offset: 0 };

const headerOf = (columns: SheetColumn[], key: string) => columns.find((c) => c.key === key)?.header ?? null;

/**
 * Excel in and out for the four registers. Imports are all or nothing: every row is validated (the sheet's schema,
 * then positions, scope and references), any bad row rejects the whole file with the full list, and the rows are
 * written in one transaction with one audit entry each.
 */
export class RescueExcel {
  constructor(
    private readonly deps: RescueDeps,
    private readonly rescue: RescueService,
  ) {}

  template(register: Register): Promise<Buffer> {
    return templateXlsx(REGISTERS[register].sheet, REGISTERS[register].columns);
  }

  private async areaNames(codes: string[]): Promise<Map<string, string | null>> {
    const names = new Map<string, string | null>();
    for (const code of new Set(codes)) names.set(code, await this.deps.areas.nameOf(code));
    return names;
  }

  async export(actor: Actor, register: Register): Promise<Buffer> {
    const { sheet } = REGISTERS[register];
    if (register === 'teams') {
      const { items } = await this.rescue.teams.list(actor, ALL);
      const names = await this.areaNames(items.map((t) => t.areaCode));
      return toXlsx(
        sheet,
        TEAM_EXPORT_COLUMNS,
        items.map((t) => teamToRow(t, names.get(t.areaCode) ?? null)),
      );
    }
    if (register === 'members') {
      const { items } = await this.rescue.members.list(actor, ALL);
      return toXlsx(sheet, MEMBER_EXPORT_COLUMNS, items.map(memberToRow));
    }
    if (register === 'experts') {
      const { items } = await this.rescue.experts.list(actor, ALL);
      return toXlsx(sheet, EXPERT_EXPORT_COLUMNS, items.map(expertToRow));
    }
    const { items } = await this.rescue.equipment.list(actor, ALL);
    return toXlsx(sheet, EQUIPMENT_EXPORT_COLUMNS, items.map(equipmentToRow));
  }

  async standardsXlsx(actor: Actor): Promise<Buffer> {
    const report = await this.rescue.teams.standards(actor);
    const names = await this.areaNames(report.items.map((i) => i.areaCode));
    return toXlsx(
      '队伍达标检查',
      STANDARDS_COLUMNS,
      report.items.map((i) => ({
        ...i,
        type: TEAM_TYPES[i.type],
        level: TEAM_LEVELS[i.level],
        areaName: names.get(i.areaCode) ?? null,
      })),
    );
  }

  async import(actor: Actor, register: Register, buffer: Buffer): Promise<{ imported: number }> {
    assertCan(actor, 'rescue:edit');
    const imported =
      register === 'teams'
        ? await this.importTeams(actor, buffer)
        : register === 'members'
          ? await this.importMembers(actor, buffer)
          : register === 'experts'
            ? await this.importExperts(actor, buffer)
            : await this.importEquipment(actor, buffer);
    await this.deps.events.publish('rescue.changed', actor.areaCode || null, {
      kind: register === 'teams' ? 'team' : register === 'members' ? 'member' : register === 'experts' ? 'expert' : 'equipment',
      id: null,
      action: 'imported',
    });
    return { imported };
  }

  /** Areas of positioned rows; a point outside the county or the actor's scope is that row's error. */
  private async locateAll<T extends { lon: number; lat: number }>(
    actor: Actor,
    rows: { row: number; value: T }[],
    columns: SheetColumn[],
    errors: RowError[],
  ): Promise<string[]> {
    const codes: string[] = [];
    for (const { row, value } of rows) {
      try {
        codes.push(await this.deps.areas.locate(actor, value.lon, value.lat));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        errors.push({ row, column: headerOf(columns, 'lon'), message: error.message });
        codes.push('');
      }
    }
    return codes;
  }

  /** Validates, then writes every row in one transaction; `write` returns a row's error, if any. */
  private async writeAll<T>(
    rows: { row: number; value: T }[],
    errors: RowError[],
    write: (trx: Executor, value: T, index: number, now: string) => Promise<RowError['message'] | [string | null, string] | null>,
  ): Promise<number> {
    if (errors.length > 0) fail('IMPORT_INVALID', { errors });
    const now = this.deps.clock.now().toISOString();
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      for (const [index, { row, value }] of rows.entries()) {
        const error = await write(trx, value, index, now);
        if (error)
          errors.push(
            typeof error === 'string' ? { row, column: null, message: error } : { row, column: error[0], message: error[1] },
          );
      }
      // Throwing rolls the whole file back.
      if (errors.length > 0) fail('IMPORT_INVALID', { errors });
    });
    return rows.length;
  }

  private async importTeams(actor: Actor, buffer: Buffer): Promise<number> {
    const rows = await fromXlsx(buffer, TEAM_COLUMNS, zTeamRow);
    const errors: RowError[] = [];
    const codes = await this.locateAll(actor, rows, TEAM_COLUMNS, errors);
    const seen = new Set<string>();
    return this.writeAll(rows, errors, async (trx, team: z.infer<typeof zTeamRow>, index, now) => {
      if (!mayKeepTeamOfLevel(actor, team.level)) return [headerOf(TEAM_COLUMNS, 'level'), ERRORS.RESCUE_COUNTY_TEAM.message];
      if (seen.has(team.name) || (await teamsRepo.nameTaken(trx, team.name)))
        return [headerOf(TEAM_COLUMNS, 'name'), `队伍名称「${team.name}」已存在`];
      seen.add(team.name);
      const id = randomUUID();
      const areaCode = codes[index]!;
      await teamsRepo.insert(trx, this.deps.db.dialect, [
        {
          id,
          ...teamInsertColumns(team),
          area_code: areaCode,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        },
      ]);
      await this.deps.audit.record(trx, actor, {
        action: 'rescue.team.import',
        entity: 'rescue_team',
        entityId: id,
        areaCode,
        after: { ...team, areaCode },
      });
      return null;
    });
  }

  private async importMembers(actor: Actor, buffer: Buffer): Promise<number> {
    const rows = await fromXlsx(buffer, MEMBER_COLUMNS, zMemberRow);
    return this.writeAll(rows, [], async (trx, { team: teamKey, ...member }, _index, now) => {
      const team = await teamsRepo.byIdOrName(trx, actor.areaCode, teamKey);
      if (!team) return [headerOf(MEMBER_COLUMNS, 'team'), `队伍「${teamKey}」不存在或不在您的辖区内`];
      if (!mayKeepTeamOfLevel(actor, team.level)) return [headerOf(MEMBER_COLUMNS, 'team'), ERRORS.RESCUE_COUNTY_TEAM.message];
      const id = randomUUID();
      await trx
        .insertInto('rescue_members')
        .values({
          id,
          team_id: team.id,
          name: member.name,
          gender: member.gender,
          phone: member.phone,
          position: member.position,
          skills: JSON.stringify(member.skills),
          created_at: now,
          updated_at: now,
        })
        .execute();
      const certificates = certificateRows(id, member.certificates);
      if (certificates.length > 0) await trx.insertInto('rescue_certificates').values(certificates).execute();
      await this.deps.audit.record(trx, actor, {
        action: 'rescue.member.import',
        entity: 'rescue_member',
        entityId: id,
        areaCode: team.area_code,
        after: { ...member, teamId: team.id, teamName: team.name },
      });
      return null;
    });
  }

  private async importExperts(actor: Actor, buffer: Buffer): Promise<number> {
    const rows = await fromXlsx(buffer, EXPERT_COLUMNS, zExpertRow);
    const errors: RowError[] = [];
    const codes = await this.locateAll(actor, rows, EXPERT_COLUMNS, errors);
    return this.writeAll(rows, errors, async (trx, expert, index, now) => {
      const id = randomUUID();
      const areaCode = codes[index]!;
      await expertsRepo.insert(trx, this.deps.db.dialect, [
        { id, ...expertInsertColumns(expert), area_code: areaCode, is_demo: 0, created_at: now, updated_at: now },
      ]);
      await this.deps.audit.record(trx, actor, {
        action: 'rescue.expert.import',
        entity: 'rescue_expert',
        entityId: id,
        areaCode,
        after: { ...expert, areaCode },
      });
      return null;
    });
  }

  private async importEquipment(actor: Actor, buffer: Buffer): Promise<number> {
    const rows = await fromXlsx(buffer, EQUIPMENT_COLUMNS, zEquipmentRow);
    const ownerHeader = headerOf(EQUIPMENT_COLUMNS, 'ownerId');
    // Owners are resolved before the transaction opens: warehouses are asked of the supplies domain's service.
    const errors: RowError[] = [];
    const owners: { ownerId: string; areaCode: string }[] = [];
    for (const { row, value } of rows) {
      let ownerId = value.ownerId;
      try {
        if (value.ownerType === 'team') {
          // A sheet names a team by its name or its id.
          const team = await teamsRepo.byIdOrName(this.deps.db.kysely, actor.areaCode, ownerId);
          if (!team) fail('RESCUE_OWNER_NOT_FOUND', { ownerId }, `队伍「${ownerId}」不存在或不在您的辖区内`);
          ownerId = team.id;
        }
        owners.push({ ownerId, areaCode: await this.rescue.equipment.ownerArea(actor, value.ownerType, ownerId) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const message =
          error.code === 'RESCUE_OWNER_NOT_FOUND' && value.ownerType === 'warehouse'
            ? `仓库「${ownerId}」不存在或不在您的辖区内`
            : error.message;
        errors.push({ row, column: ownerHeader, message });
        owners.push({ ownerId, areaCode: '' });
      }
    }
    return this.writeAll(rows, errors, async (trx, equipment, index, now) => {
      const { ownerId, areaCode } = owners[index]!;
      const id = randomUUID();
      const values = { ...equipmentInsertColumns({ ...equipment, ownerId }), area_code: areaCode };
      await trx
        .insertInto('rescue_equipment')
        .values({ id, ...values, is_demo: 0, created_at: now, updated_at: now })
        .execute();
      await this.deps.audit.record(trx, actor, {
        action: 'rescue.equipment.import',
        entity: 'rescue_equipment',
        entityId: id,
        areaCode,
        after: values,
      });
      return null;
    });
  }
}
