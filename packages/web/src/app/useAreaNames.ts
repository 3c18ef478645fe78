import type { Area } from '@yingji/contracts/areas.ts';
import { useEffect, useState } from 'react';
import { api, query } from './api.ts';

/** Names of the townships and villages in the user's scope, to show beside area codes. */
export function useAreaNames(): (code: string) => string {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(
      ['county', 'township', 'village'].map((level) =>
        api.get<{ items: Area[] }>(`/api/areas${query({ level, limit: 500 })}`, { signal: controller.signal }),
      ),
    )
      .then((pages) => setNames(new Map(pages.flatMap((p) => p.items).map((a) => [a.code, a.name]))))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  return (code) => {
    const own = names.get(code);
    const township = code.length > 9 ? names.get(code.slice(0, 9)) : undefined;
    if (own && township) return `${township} ${own}`;
    return own ?? code;
  };
}
