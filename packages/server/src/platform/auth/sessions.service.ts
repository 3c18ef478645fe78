import { createHash, randomBytes } from 'node:crypto';
import { zNewPassword, type PasswordChange, type Role } from '@yingji/contracts/auth.ts';
import type { Actor } from '../access/actor.ts';
import type { AuditLog } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { toBool } from '../db/types.ts';
import { AppError, fail } from '../errors.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.ts';
import { usersRepo, type UserRow } from './users.repo.ts';

export interface SessionsDeps {
  db: Db;
  audit: AuditLog;
  clock: Clock;
  config: Pick<Config, 'sessionHours' | 'loginMaxFailures' | 'loginLockMinutes'>;
}

export interface ResolvedSession {
  actor: Actor;
  user: UserRow;
  csrfToken: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const token = () => randomBytes(32).toString('base64url');

export function actorOf(user: UserRow): Actor {
  return { userId: user.id, username: user.username, roles: JSON.parse(user.roles) as Role[], areaCode: user.area_code };
}

/** Log-in, sessions and passwords. Sessions live in the database so several server processes share them. */
export class SessionsService {
  constructor(private readonly deps: SessionsDeps) {}

  private ms(hours: number): number {
    return hours * 3_600_000;
  }

  async login(username: string, password: string): Promise<{ token: string } & ResolvedSession> {
    const { db, clock, config, audit } = this.deps;
    const now = clock.now();
    const user = await usersRepo.byUsername(db.kysely, username);
    if (!user) {
      await verifyPassword(DUMMY_HASH, password);
      fail('LOGIN_FAILED');
    }
    if (user.locked_until && user.locked_until > now.toISOString()) {
      fail('ACCOUNT_LOCKED', { lockedUntil: user.locked_until });
    }
    if (!(await verifyPassword(user.password_hash, password))) {
      const failures = user.failed_logins + 1;
      const lock = failures >= config.loginMaxFailures;
      const lockedUntil = lock ? new Date(now.getTime() + config.loginLockMinutes * 60_000).toISOString() : null;
      await db.kysely.transaction().execute(async (trx) => {
        await usersRepo.update(trx, user.id, { failed_logins: lock ? 0 : failures, locked_until: lockedUntil });
        await audit.record(trx, null, {
          action: lock ? 'auth.lock' : 'auth.login_failed',
          entity: 'user',
          entityId: user.id,
          areaCode: user.area_code || null,
          after: { username, failures },
        });
      });
      if (lock) fail('ACCOUNT_LOCKED', { lockedUntil });
      fail('LOGIN_FAILED');
    }
    if (toBool(user.disabled)) fail('ACCOUNT_DISABLED');
    const sessionToken = token();
    const csrfToken = token();
    const actor = actorOf(user);
    await db.kysely.transaction().execute(async (trx) => {
      await usersRepo.update(trx, user.id, { failed_logins: 0, locked_until: null });
      await trx
        .insertInto('sessions')
        .values({
          id: sha256(sessionToken),
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + this.ms(config.sessionHours)).toISOString(),
          last_seen_at: now.toISOString(),
        })
        .execute();
      await audit.record(trx, actor, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        areaCode: user.area_code || null,
      });
    });
    return { token: sessionToken, actor, user, csrfToken };
  }

  /** The session behind a cookie token; sliding expiry, renewed at most once a minute to spare writes. */
  async resolve(sessionToken: string | undefined): Promise<ResolvedSession> {
    if (!sessionToken) fail('UNAUTHENTICATED');
    const { db, clock, config } = this.deps;
    const now = clock.now();
    const id = sha256(sessionToken);
    const session = await db.kysely.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!session) fail('UNAUTHENTICATED');
    if (session.expires_at <= now.toISOString()) {
      await db.kysely.deleteFrom('sessions').where('id', '=', id).execute();
      fail('SESSION_EXPIRED');
    }
    const user = await usersRepo.byId(db.kysely, session.user_id);
    if (!user || toBool(user.disabled)) fail('UNAUTHENTICATED');
    if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
      await db.kysely
        .updateTable('sessions')
        .set({
          last_seen_at: now.toISOString(),
          expires_at: new Date(now.getTime() + this.ms(config.sessionHours)).toISOString(),
        })
        .where('id', '=', id)
        .execute();
    }
    return { actor: actorOf(user), user, csrfToken: session.csrf_token };
  }

  async logout(sessionToken: string): Promise<void> {
    await this.deps.db.kysely.deleteFrom('sessions').where('id', '=', sha256(sessionToken)).execute();
  }

  /** Changing the password ends every other session of the user; the current one continues. */
  async changePassword(actor: Actor, sessionToken: string, input: PasswordChange): Promise<void> {
    const user = await usersRepo.byId(this.deps.db.kysely, actor.userId);
    if (!user) fail('UNAUTHENTICATED');
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) fail('PASSWORD_WRONG');
    if (input.currentPassword === input.newPassword) fail('PASSWORD_REUSED');
    await this.replacePassword(actor, user, input.newPassword, 'auth.password_change', sha256(sessionToken));
  }

  /** Sets a password from the command line (`yingji user passwd`), clearing any lock-out and ending all sessions. */
  async resetPassword(actor: Actor, username: string, password: string): Promise<void> {
    const user = await usersRepo.byUsername(this.deps.db.kysely, username);
    if (!user) throw new AppError('USER_NOT_FOUND', { username });
    await this.replacePassword(actor, user, zNewPassword.parse(password), 'auth.password_reset', null);
  }

  private async replacePassword(actor: Actor, user: UserRow, password: string, action: string, keepSessionId: string | null) {
    const { db, clock, audit } = this.deps;
    const passwordHash = await hashPassword(password);
    const now = clock.now().toISOString();
    await db.kysely.transaction().execute(async (trx) => {
      await usersRepo.update(trx, user.id, {
        password_hash: passwordHash,
        password_changed_at: now,
        must_change_password: 0,
        failed_logins: 0,
        locked_until: null,
        updated_at: now,
      });
      let ended = trx.deleteFrom('sessions').where('user_id', '=', user.id);
      if (keepSessionId) ended = ended.where('id', '!=', keepSessionId);
      await ended.execute();
      await audit.record(trx, actor, { action, entity: 'user', entityId: user.id, areaCode: user.area_code || null });
    });
  }
}
