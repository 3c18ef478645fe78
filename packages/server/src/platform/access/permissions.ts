import { rolesMay, type Permission } from '@yingji/contracts/permissions.ts';
import { fail } from '../errors.ts';
import type { Actor } from './actor.ts';

export type { Permission };

export function can(actor: Actor, permission: Permission): boolean {
  return rolesMay(actor.roles, permission);
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) fail('FORBIDDEN', { permission });
}
