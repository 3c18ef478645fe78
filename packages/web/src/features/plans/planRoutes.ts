import { navigate, usePath } from '../../app/router.ts';

/** The menu's paths of this feature (app/pages.tsx). */
export const PLANS_PATH = '/plans';
export const DRILLS_PATH = '/drills';
export const OVERVIEWS_PATH = '/plan-overviews';

export type PlanRoute = { kind: 'register' } | { kind: 'detail'; id: string } | { kind: 'digital'; id: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const DETAIL = new RegExp(`^${PLANS_PATH}/(${UUID})(/digital)?/?$`, 'i');

/**
 * What /plans… shows, kept in the path so a plan (or its digital plan) can be linked to, reloaded, and left with the
 * browser's back button: /plans, /plans/<id>, /plans/<id>/digital.
 */
export function usePlanRoute(): PlanRoute {
  const match = DETAIL.exec(usePath());
  if (!match) return { kind: 'register' };
  return match[2] ? { kind: 'digital', id: match[1]! } : { kind: 'detail', id: match[1]! };
}

export const openPlan = (id: string) => navigate(`${PLANS_PATH}/${id}`);
export const openDigitalPlan = (id: string) => navigate(`${PLANS_PATH}/${id}/digital`);
export const openRegister = () => navigate(PLANS_PATH);
