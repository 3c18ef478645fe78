import { DigitalPlanPage } from './DigitalPlanPage.tsx';
import { PlanDetailPage } from './PlanDetailPage.tsx';
import { PlanRegister } from './PlanRegister.tsx';
import { usePlanRoute } from './planRoutes.ts';

/** 预案管理 (/plans): the register, a plan (/plans/<id>) or its digital plan (/plans/<id>/digital). */
export function PlansPage() {
  const route = usePlanRoute();
  if (route.kind === 'detail') return <PlanDetailPage key={route.id} id={route.id} />;
  if (route.kind === 'digital') return <DigitalPlanPage key={route.id} id={route.id} />;
  return <PlanRegister />;
}
