import type { Plan } from '@yingji/contracts/plans.ts';
import { useEffect, useMemo, useState } from 'react';
import { fetchEveryPage } from '../../app/useCappedList.ts';
import { fetchPlans } from './plansApi.ts';

/**
 * The current versions of every plan the user can see, for pickers (上级预案, 相关预案, a drill's plan) and the
 * department filter. A county has tens to a few hundred plans, so one load when `active` turns on is enough.
 */
export function usePlanChoices(active = true) {
  const [plans, setPlans] = useState<Plan[]>([]);
  useEffect(() => {
    if (!active) return;
    const controller = new AbortController();
    fetchEveryPage((limit, offset) => fetchPlans({}, limit, offset, controller.signal))
      .then(setPlans)
      .catch(() => undefined);
    return () => controller.abort();
  }, [active]);
  return useMemo(() => {
    const departments = [...new Set(plans.map((p) => p.ownerDepartment))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
    return {
      plans,
      planOptions: plans.map((p) => ({ value: p.id, label: `${p.name}（第 ${p.version} 版）` })),
      departmentOptions: departments.map((d) => ({ value: d, label: d })),
    };
  }, [plans]);
}
