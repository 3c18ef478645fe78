import type { User } from '@yingji/contracts/auth.ts';
import { rolesMay, type Permission } from '@yingji/contracts/permissions.ts';

export type { Permission };

export function can(user: User | null, permission: Permission): boolean {
  if (!user) return false;
  // The server enforces the same table; the web app only hides what would be refused.
  return rolesMay(user.roles, permission);
}
