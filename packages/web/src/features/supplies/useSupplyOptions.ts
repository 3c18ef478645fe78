import type { SupplyKind, Warehouse } from '@yingji/contracts/supplies.ts';
import { useEffect, useState } from 'react';
import { fetchKinds, fetchWarehouses } from './suppliesApi.ts';
import { fetchEveryPage } from '../../app/useCappedList.ts';

/** The catalogue and the warehouses in the user's scope, for pickers; reloaded when `version` changes. */
export function useSupplyOptions(version = 0): { kinds: SupplyKind[]; warehouses: Warehouse[] } {
  const [kinds, setKinds] = useState<SupplyKind[]>([]);
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    fetchEveryPage((limit, offset) => fetchKinds({}, limit, offset, signal))
      .then(setKinds)
      .catch(() => undefined);
    fetchEveryPage((limit, offset) => fetchWarehouses({}, limit, offset, signal))
      .then(setWarehouses)
      .catch(() => undefined);
    return () => controller.abort();
  }, [version]);
  return { kinds, warehouses };
}
