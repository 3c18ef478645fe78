import { randomBytes, randomUUID } from 'node:crypto';
import type { User, UserCreate, UserUpdate, Role } from '@yingji/contracts/auth.ts';
import type { Actor } from '../access/actor.ts';
import { assertCan } from '../access/permissions.ts';
import { assertWithinScope } from '../access/scope.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { fromBool, toBool } from '../db/types.ts';
import { fail } from '../errors.ts';
import type { EventBus } from '../events/bus.ts';
import { hashPassword } from './passwords.ts';
import { usersRepo, type UserRow } from './users.repo.ts';

/** Resolves area names and checks that codes exist; the areas domain provides it. */
export interface AreaDirectory {
  nameOf(code: string): Promise<string | null>;
}

export interface UsersDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  clock: Clock;
  areas: AreaDirectory;
}

/** What a user looks like in the audit trail: never the password hash. */
function auditView(row: UserRow) {
  return {
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    areaCode: row.area_code,
    phone: row.phone,
    disabled: toBool(row.disabled),
  };
}

export class UsersService {
  constructor(private readonly deps: UsersDeps) {}

  async toUser(row: UserRow): Promise<User> {
    const areaName = row.area_code === '' ? '全部辖区' : ((await this.deps.areas.nameOf(row.area_code)) ?? row.area_code);
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: JSON.parse(row.roles) as Role[],
      areaCode: row.area_code,
      areaName,
      phone: row.phone,
      disabled: toBool(row.disabled),
      mustChangePassword: toBool(row.must_change_password),
      createdAt: row.created_at,
    };
  }

  async list(actor: Actor, filter: { q?: string; areaCode?: string; limit: number; offset: number }) {
    assertCan(actor, 'users:manage');
    const { rows, total } = await usersRepo.list(this.deps.db.kysely, actor.areaCode, filter);
    return { items: await Promise.all(rows.map((r) => this.toUser(r))), total };
  }

  private async assertArea(actor: Actor, areaCode: string): Promise<void> {
    assertWithinScope(actor, areaCode);
    if (areaCode !== '' && (await this.deps.areas.nameOf(areaCode)) === null) fail('AREA_NOT_FOUND', { areaCode });
  }

  async create(actor: Actor, input: UserCreate, options: { mustChangePassword?: boolean } = {}): Promise<User> {
    assertCan(actor, 'users:manage');
    await this.assertArea(actor, input.areaCode);
    const now = this.deps.clock.now().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      roles: JSON.stringify([...new Set(input.roles)]),
      area_code: input.areaCode,
      phone: input.phone,
      disabled: 0,
      must_change_password: fromBool(options.mustChangePassword ?? false),
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    };
    await this.deps.db.kysely.transaction().execute(async (trx) => {
      if (await usersRepo.byUsername(trx, input.username)) fail('USERNAME_TAKEN', { username: input.username });
      await usersRepo.insert(trx, row);
      await this.deps.audit.record(trx, actor, {
        action: 'user.create',
        entity: 'user',
        entityId: row.id,
        areaCode: row.area_code || null,
        after: auditView(row),
      });
    });
    await this.deps.events.publish('user.changed', row.area_code || null, { id: row.id, username: row.username });
    return this.toUser(row);
  }

  async update(actor: Actor, id: string, input: UserUpdate): Promise<User> {
    assertCan(actor, 'users:manage');
    if (input.areaCode !== undefined) await this.assertArea(actor, input.areaCode);
    const updated = await this.deps.db.kysely.transaction().execute(async (trx) => {
      const before = await usersRepo.byId(trx, id);
      if (!before || !before.area_code.startsWith(actor.areaCode)) fail('USER_NOT_FOUND', { id });
      if (id === actor.userId && (input.disabled === true || (input.roles && !input.roles.includes('admin')))) {
        fail('FORBIDDEN', { reason: 'self-lockout' }, '不能停用自己或取消自己的管理员角色');
      }
      const changes: Partial<UserRow> = { updated_at: this.deps.clock.now().toISOString() };
      if (input.displayName !== undefined) changes.display_name = input.displayName;
      if (input.roles !== undefined) changes.roles = JSON.stringify([...new Set(input.roles)]);
      if (input.areaCode !== undefined) changes.area_code = input.areaCode;
      if (input.phone !== undefined) changes.phone = input.phone;
      if (input.disabled !== undefined) changes.disabled = fromBool(input.disabled);
      await usersRepo.update(trx, id, changes);
      const after = { ...before, ...changes };
      // Changing who someone is or where they work ends their sessions: the old rights must not linger.
      if (input.roles || input.areaCode !== undefined || input.disabled) {
        await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      }
      await this.deps.audit.record(trx, actor, {
        action: 'user.update',
        entity: 'user',
        entityId: id,
        areaCode: after.area_code || null,
        before: auditView(before),
        after: auditView(after),
      });
      return after;
    });
    await this.deps.events.publish('user.changed', updated.area_code || null, { id, username: updated.username });
    return this.toUser(updated);
  }

  /**
   * On first start the installation gets one administrator, `admin`, with the configured password or a random one
   * that the caller prints once. Returns the password it set, or null when users already exist.
   */
  async bootstrapAdmin(actor: Actor, configuredPassword: string | undefined): Promise<string | null> {
    if ((await usersRepo.count(this.deps.db.kysely)) > 0) return null;
    const password = configuredPassword ?? `Yj-${randomBytes(9).toString('base64url')}1`;
    await this.create(
      actor,
      { username: 'admin', displayName: '系统管理员', roles: ['admin'], areaCode: '', phone: null, password },
      { mustChangePassword: configuredPassword === undefined },
    );
    return password;
  }
}
