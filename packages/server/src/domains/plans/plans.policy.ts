import type { PlanCategory } from '@yingji/contracts/plans.ts';
import { PERMISSIONS } from '@yingji/contracts/permissions.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { assertCan } from '../../platform/access/permissions.ts';
import { assertWithinScope } from '../../platform/access/scope.ts';
import { fail } from '../../platform/errors.ts';

/**
 * Who may change a plan (or a drill of it): 'plans:edit' within the plan's area; an enterprise's safety officer holds
 * that permission for enterprise plans only (企业预案), the officers of an area for every kind.
 */
export function assertMayEdit(actor: Actor, plan: { category: PlanCategory; areaCode: string }): void {
  assertCan(actor, 'plans:edit');
  assertWithinScope(actor, plan.areaCode);
  const governmentEditor = actor.roles.some(
    (role) => role !== 'enterprise_safety' && (PERMISSIONS['plans:edit'] as readonly string[]).includes(role),
  );
  if (!governmentEditor && plan.category !== 'enterprise') {
    fail('FORBIDDEN', { permission: 'plans:edit', category: plan.category }, '企业安全员只能编制和维护本企业的企业应急预案');
  }
}
