import type { Role } from '@yingji/contracts/auth.ts';
import { fail } from '../errors.ts';
import type { Actor } from './actor.ts';

/**
 * What each role may do, platform-wide. Domains add their permissions here so that one table answers
 * "who may do what"; the area half of the question is answered by scope.ts.
 */
export const PERMISSIONS = {
  'areas:read': [
    'admin',
    'duty_officer',
    'county_leader',
    'township_officer',
    'village_reporter',
    'enterprise_safety',
    'readonly',
  ],
  'areas:edit': ['admin', 'duty_officer', 'township_officer'],
  'areas:import': ['admin'],
  'users:manage': ['admin'],
  'audit:read': ['admin', 'county_leader', 'duty_officer', 'township_officer', 'readonly'],
  'audit:verify': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(actor: Actor, permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return actor.roles.some((role) => allowed.includes(role));
}

export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) fail('FORBIDDEN', { permission });
}
