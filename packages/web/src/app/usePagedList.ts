import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { errorMessage } from './api.ts';

export interface Paged<T> {
  items: T[];
  total: number;
}

export interface PagedList<T> {
  rows: T[];
  total: number;
  loading: boolean;
  error: string | null;
  /** Lets a page patch a row in place after an edit, without reloading the page of results. */
  setRows: Dispatch<SetStateAction<T[]>>;
}

/**
 * One page of a list endpoint, reloaded whenever `deps` change. A newer request aborts the one in flight, so a
 * slow answer never overwrites a newer one.
 */
export function usePagedList<T>(
  load: (limit: number, offset: number, signal: AbortSignal) => Promise<Paged<T>>,
  page: number,
  pageSize: number,
  deps: readonly unknown[],
): PagedList<T> {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(pageSize, (page - 1) * pageSize, controller.signal)
      .then((result) => {
        setRows(result.items);
        setTotal(result.total);
        setError(null);
      })
      .catch((err: unknown) => !controller.signal.aborted && setError(errorMessage(err)))
      .finally(() => !controller.signal.aborted && setLoading(false));
    return () => controller.abort();
    // `load` is a fresh closure each render; what it reads is listed in `deps`.
  }, [page, pageSize, ...deps]);

  return { rows, total, loading, error, setRows };
}
