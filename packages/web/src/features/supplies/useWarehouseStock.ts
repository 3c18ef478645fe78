import type { WarehouseStock } from '@yingji/contracts/supplies.ts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { fetchWarehouseStock } from './suppliesApi.ts';

export type KindStock = WarehouseStock['kinds'][number];
export type BatchStock = KindStock['batches'][number];

/**
 * One warehouse's stock by kind and batch, reloaded when `version` changes; nothing is fetched without a warehouse
 * (a closed dialog passes null so it does not load stock nobody looks at).
 */
export function useWarehouseStock(warehouseId: string | null, version: number) {
  const [stock, setStock] = useState<WarehouseStock | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    // Closed: forget the figures, so an opening dialog never offers stale balances while it reloads.
    if (!warehouseId) return setStock(null);
    const controller = new AbortController();
    setLoading(true);
    fetchWarehouseStock(warehouseId, controller.signal)
      .then((s) => (setStock(s), setError(null)))
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
  }, [warehouseId, version]);

  // A stale answer for another warehouse is never shown as this one's.
  const current = stock && stock.warehouse.id === warehouseId ? stock : null;
  return { stock: current, error, loading };
}

/** The stock a document dialog picks from: loaded afresh each time the dialog opens, not while it is closed. */
export function useStockWhileOpen(open: boolean, warehouse: { id: string } | null) {
  return useWarehouseStock(open ? (warehouse?.id ?? null) : null, open ? 1 : 0);
}
