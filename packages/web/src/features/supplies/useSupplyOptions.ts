import type { SupplyKind, Warehouse } from '@yingji/contracts/supplies.ts';
import { useEffect, useState } from 'react';
import { fetchAll, fetchKinds, fetchWarehouses } from './suppliesApi.ts';

/** The catalogue and the warehouses in the user's scope, for pickers; reloaded when `version` changes. */
export function useSupplyOptions(version = 0): { kinds: SupplyKind[]; warehouses: Warehouse[] } {
  const [kinds, setKinds] = useState<SupplyKind[]>([]);
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    fetchAll((limit, offset) => fetchKinds({}, limit, offset, signal))
      .then(setKinds)
      .catch(() => undefined);
    fetchAll((limit, offset) => fetchWarehouses({}, limit, offset, signal))
      .then(setWarehouses)
      .catch(() => undefined);
    return () => controller.abort();
  }, [version]);
  return { kinds, warehouses };
}
