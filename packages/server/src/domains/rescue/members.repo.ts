import type { Insertable, Selectable, Updateable } from 'kysely';
import type { MemberListQuery, TeamLevel } from '@yingji/contracts/rescue.ts';
import { inScope } from '../../platform/access/scope.ts';
import type { Executor } from '../../platform/db/types.ts';
import type { RescueCertificatesTable, RescueMembersTable } from './rescue.tables.ts';
import { likeText } from '../../platform/search/like.ts';

export type MemberRow = Selectable<RescueMembersTable> & { team_name: string; team_level: TeamLevel; area_code: string };
export type CertificateRow = Selectable<RescueCertificatesTable>;

/** Members are in scope when their team is: the team's area is joined in every read. */
function base(db: Executor, scopeCode: string) {
  return db
    .selectFrom('rescue_members')
    .innerJoin('rescue_teams', 'rescue_teams.id', 'rescue_members.team_id')
    .where((eb) => inScope(eb, 'rescue_teams.area_code', scopeCode))
    .selectAll('rescue_members')
    .select(['rescue_teams.name as team_name', 'rescue_teams.level as team_level', 'rescue_teams.area_code']);
}

export const membersRepo = {
  byId(db: Executor, scopeCode: string, id: string): Promise<MemberRow | undefined> {
    return base(db, scopeCode).where('rescue_members.id', '=', id).executeTakeFirst();
  },

  byTeam(db: Executor, scopeCode: string, teamId: string): Promise<MemberRow[]> {
    return base(db, scopeCode)
      .where('rescue_members.team_id', '=', teamId)
      .orderBy('rescue_members.created_at')
      .orderBy('rescue_members.name')
      .execute();
  },

  async list(db: Executor, scopeCode: string, query: MemberListQuery): Promise<{ rows: MemberRow[]; total: number }> {
    let q = base(db, scopeCode);
    if (query.teamId) q = q.where('rescue_members.team_id', '=', query.teamId);
    if (query.q) q = q.where('rescue_members.name', 'like', likeText(query.q));
    const total = await q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await q
      .orderBy('rescue_teams.area_code')
      .orderBy('rescue_teams.name')
      .orderBy('rescue_members.name')
      .orderBy('rescue_members.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rows, total: Number(total.n) };
  },

  all(db: Executor, scopeCode: string): Promise<MemberRow[]> {
    return base(db, scopeCode)
      .orderBy('rescue_teams.area_code')
      .orderBy('rescue_teams.name')
      .orderBy('rescue_members.name')
      .execute();
  },

  /** The certificates of the given members, grouped by member. */
  async certificatesOf(db: Executor, memberIds: string[]): Promise<Map<string, CertificateRow[]>> {
    const byMember = new Map<string, CertificateRow[]>();
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < memberIds.length; i += 500) {
      const rows = await db
        .selectFrom('rescue_certificates')
        .selectAll()
        .where('member_id', 'in', memberIds.slice(i, i + 500))
        .orderBy('expires_on')
        .orderBy('name')
        .execute();
      for (const row of rows) byMember.set(row.member_id, [...(byMember.get(row.member_id) ?? []), row]);
    }
    return byMember;
  },

  /** Certificates in the scope expiring on or before `until` (YYYY-MM-DD), expired ones included. */
  certificatesDue(db: Executor, scopeCode: string, until: string) {
    return db
      .selectFrom('rescue_certificates')
      .innerJoin('rescue_members', 'rescue_members.id', 'rescue_certificates.member_id')
      .innerJoin('rescue_teams', 'rescue_teams.id', 'rescue_members.team_id')
      .where((eb) => inScope(eb, 'rescue_teams.area_code', scopeCode))
      .where('rescue_certificates.expires_on', 'is not', null)
      .where('rescue_certificates.expires_on', '<=', until)
      .select([
        'rescue_certificates.name',
        'rescue_certificates.number',
        'rescue_certificates.expires_on',
        'rescue_members.id as member_id',
        'rescue_members.name as member_name',
        'rescue_teams.id as team_id',
        'rescue_teams.name as team_name',
        'rescue_teams.area_code',
      ])
      .orderBy('rescue_certificates.expires_on')
      .orderBy('rescue_teams.name')
      .orderBy('rescue_members.name')
      .execute();
  },

  async insert(db: Executor, rows: Insertable<RescueMembersTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('rescue_members')
        .values(rows.slice(i, i + 100))
        .execute();
  },

  async update(db: Executor, id: string, changes: Updateable<RescueMembersTable>): Promise<void> {
    await db.updateTable('rescue_members').set(changes).where('id', '=', id).execute();
  },

  async remove(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('rescue_members').where('id', '=', id).execute();
  },

  async insertCertificates(db: Executor, rows: Insertable<RescueCertificatesTable>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('rescue_certificates')
        .values(rows.slice(i, i + 100))
        .execute();
  },

  async replaceCertificates(db: Executor, memberId: string, rows: Insertable<RescueCertificatesTable>[]): Promise<void> {
    await db.deleteFrom('rescue_certificates').where('member_id', '=', memberId).execute();
    await membersRepo.insertCertificates(db, rows);
  },
};
