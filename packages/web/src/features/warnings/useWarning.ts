import type { LiveEvent } from '@yingji/contracts/health.ts';
import type { Warning } from '@yingji/contracts/warnings.ts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../app/api.ts';
import { useLiveEvents } from '../../app/live.tsx';
import { fetchWarning } from './warningsApi.ts';

/** The warning a live event is about ('warning.changed', 'warning.published', 'warning.ended', 'warning.progress'). */
export function eventWarningId(event: LiveEvent | null, types: readonly string[]): string | null {
  if (!event || !types.includes(event.type) || typeof event.data !== 'object' || event.data === null) return null;
  const id = (event.data as { id?: unknown }).id;
  return typeof id === 'string' ? id : null;
}

/** The lifecycle events: the warning itself changed (not just its deliveries). */
export const LIFECYCLE_EVENTS = ['warning.changed', 'warning.published', 'warning.ended'] as const;

/**
 * One warning, read again whenever a lifecycle event about it arrives (someone else reviewed or signed it) — unless
 * `live` is off, as in the composer, where a reload would overwrite what the officer is typing.
 */
export function useWarning(id: string | null, live = false) {
  const { lastEvent } = useLiveEvents();
  const [warning, setWarning] = useState<Warning | null>(null);
  const [error, setError] = useState<string | null>(null);
  const changed = live && id && eventWarningId(lastEvent, LIFECYCLE_EVENTS) === id ? lastEvent!.at : '';

  useEffect(() => {
    setError(null);
    // Another warning's page: never show the previous one's fields meanwhile.
    setWarning((current) => (current?.id === id ? current : null));
    if (!id) return;
    const controller = new AbortController();
    fetchWarning(id, controller.signal)
      .then(setWarning)
      .catch((e: unknown) => !controller.signal.aborted && setError(errorMessage(e)));
    return () => controller.abort();
  }, [id, changed]);

  return { warning, error, setWarning };
}
