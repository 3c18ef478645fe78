import type { Coverage } from '@yingji/contracts/warnings.ts';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { eventWarningId, LIFECYCLE_EVENTS } from './useWarning.ts';
import { fetchCoverage } from './warningsApi.ts';

/** The server sends 'warning.progress' at most once a second per warning; a little slack joins a burst into one read. */
const REFRESH_DEBOUNCE_MS = 300;
const BOARD_EVENTS = ['warning.progress', ...LIFECYCLE_EVENTS];

/**
 * A warning's coverage (per village: targeted, reached, 落实), read again on every 'warning.progress' push about it
 * — deliveries moved or a village confirmed. `tick` changes with each refresh, for lists that follow the board.
 */
export function useCoverage(id: string | null) {
  const { lastEvent, status } = useLiveEvents();
  const [coverage, setCoverage] = useState<Coverage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (id && eventWarningId(lastEvent, BOARD_EVENTS) === id) {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setTick((n) => n + 1), REFRESH_DEBOUNCE_MS);
    }
  }, [lastEvent, id]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  useEffect(() => {
    if (!id) return setCoverage(null);
    const controller = new AbortController();
    fetchCoverage(id, controller.signal)
      .then((c) => {
        setCoverage(c);
        setError(null);
      })
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
    // A reconnection may have missed pushes: read again when the live feed comes back.
  }, [id, tick, status]);

  return { coverage, error, tick, refresh: () => setTick((n) => n + 1) };
}
