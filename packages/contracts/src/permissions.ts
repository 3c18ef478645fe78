import type { Role } from './auth.ts';

/**
 * What each role may do, platform-wide: one table read by the server (which enforces it) and the web app (which
 * hides what would be refused). Domains add their permissions here; the area half of each check is the user's scope.
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
  'rules:edit': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function rolesMay(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
