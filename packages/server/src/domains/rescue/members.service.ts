import { randomUUID } from 'node:crypto';
import type {
  CertificateDueReport,
  CertificateInput,
  Member,
  MemberCreate,
  MemberListQuery,
  MemberUpdate,
} from '@yingji/contracts/rescue.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import type { Executor } from '../../platform/db/types.ts';
import { fail } from '../../platform/errors.ts';
import { membersRepo } from './members.repo.ts';
import type { RescueDeps } from './rescue.deps.ts';
import { toMember } from './rescue.mappers.ts';
import { assertMayKeepTeam } from './rescue.policy.ts';
import { CERTIFICATE_EXPIRY_WARNING_DAYS } from './rescue.rules-config.ts';
import { addDays, daysBetween, shanghaiDate } from './rescue.rules.ts';
import { teamsRepo } from './teams.repo.ts';

export function certificateRows(memberId: string, certificates: CertificateInput[]) {
  return certificates.map((c) => ({
    id: randomUUID(),
    member_id: memberId,
    name: c.name,
    number: c.number,
    expires_on: c.expiresOn,
  }));
}

/** 队员: members of a team, with skills and certificates; their scope is their team's. */
export class MembersService {
  constructor(private readonly deps: RescueDeps) {}

  private today(): string {
    return shanghaiDate(this.deps.clock.now());
  }

  private async load(db: Executor, scopeCode: string, id: string): Promise<Member> {
    const row = await membersRepo.byId(db, scopeCode, id);
    if (!row) fail('RESCUE_MEMBER_NOT_FOUND', { id });
    const certificates = await membersRepo.certificatesOf(db, [id]);
    return toMember(row, certificates.get(id) ?? [], this.today());
  }

  /** Members of a county-level team are kept by county users (rescue.policy.ts). */
  private async assertMayKeep(db: Executor, actor: Actor, id: string): Promise<void> {
    assertMayKeepTeam(actor, (await membersRepo.byId(db, actor.areaCode, id))?.team_level);
  }

  async list(actor: Actor, query: MemberListQuery): Promise<{ items: Member[]; total: number }> {
    assertCan(actor, 'rescue:read');
    const db = this.deps.db.kysely;
    const { rows, total } = await membersRepo.list(db, actor.areaCode, query);
    const certificates = await membersRepo.certificatesOf(
      db,
      rows.map((r) => r.id),
    );
    const today = this.today();
    return { items: rows.map((r) => toMember(r, certificates.get(r.id) ?? [], today)), total };
  }

  get(actor: Actor, id: string): Promise<Member> {
    assertCan(actor, 'rescue:read');
    return this.load(this.deps.db.kysely, actor.areaCode, id);
  }

  async create(actor: Actor, teamId: string, input: MemberCreate): Promise<Member> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, clock, events } = this.deps;
    const id = randomUUID();
    const created = await db.kysely.transaction().execute(async (trx) => {
      // The team lookup is scoped: a team outside the actor's area is "not found", never joined.
      const team = await teamsRepo.byId(trx, actor.areaCode, teamId);
      if (!team) fail('RESCUE_TEAM_NOT_FOUND', { id: teamId });
      assertMayKeepTeam(actor, team.level);
      const now = clock.now().toISOString();
      await membersRepo.insert(trx, [
        {
          id,
          team_id: teamId,
          name: input.name,
          gender: input.gender,
          phone: input.phone,
          position: input.position,
          skills: JSON.stringify(input.skills),
          created_at: now,
          updated_at: now,
        },
      ]);
      await membersRepo.insertCertificates(trx, certificateRows(id, input.certificates));
      const member = await this.load(trx, actor.areaCode, id);
      await audit.record(trx, actor, {
        action: 'rescue.member.create',
        entity: 'rescue_member',
        entityId: id,
        areaCode: team.area_code,
        after: member,
      });
      return member;
    });
    await events.publish('rescue.changed', created.areaCode, { kind: 'member', id, action: 'created' });
    return created;
  }

  async update(actor: Actor, id: string, input: MemberUpdate): Promise<Member> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, clock, events } = this.deps;
    const after = await db.kysely.transaction().execute(async (trx) => {
      const before = await this.load(trx, actor.areaCode, id);
      await this.assertMayKeep(trx, actor, id);
      await membersRepo.update(trx, id, {
        ...(input.name !== undefined && { name: input.name }),
        ...(input.gender !== undefined && { gender: input.gender }),
        ...(input.phone !== undefined && { phone: input.phone }),
        ...(input.position !== undefined && { position: input.position }),
        ...(input.skills !== undefined && { skills: JSON.stringify(input.skills) }),
        updated_at: clock.now().toISOString(),
      });
      if (input.certificates !== undefined)
        await membersRepo.replaceCertificates(trx, id, certificateRows(id, input.certificates));
      const member = await this.load(trx, actor.areaCode, id);
      await audit.record(trx, actor, {
        action: 'rescue.member.update',
        entity: 'rescue_member',
        entityId: id,
        areaCode: member.areaCode,
        before,
        after: member,
      });
      return member;
    });
    await events.publish('rescue.changed', after.areaCode, { kind: 'member', id, action: 'updated' });
    return after;
  }

  async remove(actor: Actor, id: string): Promise<void> {
    assertCan(actor, 'rescue:edit');
    const { db, audit, events } = this.deps;
    const before = await db.kysely.transaction().execute(async (trx) => {
      const member = await this.load(trx, actor.areaCode, id);
      await this.assertMayKeep(trx, actor, id);
      await membersRepo.remove(trx, id);
      await audit.record(trx, actor, {
        action: 'rescue.member.delete',
        entity: 'rescue_member',
        entityId: id,
        areaCode: member.areaCode,
        before: member,
      });
      return member;
    });
    await events.publish('rescue.changed', before.areaCode, { kind: 'member', id, action: 'deleted' });
  }

  /** Certificates expired, or expiring within `days` (default: the configured warning period), in the scope. */
  async certificatesDue(actor: Actor, days?: number): Promise<CertificateDueReport> {
    assertCan(actor, 'rescue:read');
    const window = days ?? (await this.deps.rules.get(CERTIFICATE_EXPIRY_WARNING_DAYS));
    const today = this.today();
    const rows = await membersRepo.certificatesDue(this.deps.db.kysely, actor.areaCode, addDays(today, window));
    return {
      today,
      days: window,
      items: rows.map((r) => {
        const daysLeft = daysBetween(today, r.expires_on!);
        return {
          memberId: r.member_id,
          memberName: r.member_name,
          teamId: r.team_id,
          teamName: r.team_name,
          areaCode: r.area_code,
          name: r.name,
          number: r.number,
          expiresOn: r.expires_on!,
          daysLeft,
          expired: daysLeft < 0,
        };
      }),
    };
  }
}
