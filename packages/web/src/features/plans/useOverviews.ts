import type { RevisionOverview } from '@yingji/contracts/plans.ts';
import type { DrillFrequencyOverview } from '@yingji/contracts/plans-drills.ts';
import { useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { fetchDrillOverview, fetchRevisionOverview } from './plansApi.ts';
import type { RevisionEntry } from './tags.tsx';

interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

/** One overview of the current area, read again when `reload` changes. */
function useOverview<T>(
  load: (areaCode: string | undefined, signal: AbortSignal) => Promise<T>,
  areaCode: string | undefined,
  reload: number,
) {
  const [state, setState] = useState<Loaded<T>>({ data: null, loading: true, error: null });
  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, loading: true }));
    load(areaCode, controller.signal)
      .then((data) => setState({ data, loading: false, error: null }))
      .catch((e: unknown) => !controller.signal.aborted && setState({ data: null, loading: false, error: errorMessage(e) }));
    return () => controller.abort();
    // `load` is one of the two module functions below, fixed per hook.
  }, [areaCode, reload]);
  return state;
}

/** 预案修订提醒, and each plan's entry by id (for the badges of the register and the detail page). */
export function useRevisionOverview(areaCode: string | undefined, reload = 0) {
  const state = useOverview<RevisionOverview>(fetchRevisionOverview, areaCode, reload);
  const byId = useMemo(
    () => new Map<string, RevisionEntry>((state.data?.departments ?? []).flatMap((d) => d.plans.map((p) => [p.id, p]))),
    [state.data],
  );
  return { ...state, byId };
}

/** 演练频次检查. */
export function useDrillOverview(areaCode: string | undefined, reload = 0) {
  return useOverview<DrillFrequencyOverview>(fetchDrillOverview, areaCode, reload);
}
