import type { AreaLevel, AreaNode } from '@yingji/contracts/areas.ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, errorMessage } from './api.ts';
import { useUser } from './session.tsx';

/** The area every page works in: chosen in the header, always inside the user's scope. */
export interface AreaRef {
  code: string;
  name: string;
  level: AreaLevel;
  levelName: string;
}

interface CurrentAreaValue {
  /** The top of the user's scope (one node, or every county for the installation administrator), one tier deep. */
  roots: AreaNode[];
  area: AreaRef | null;
  setArea(area: AreaRef): void;
  loading: boolean;
  error: string | null;
}

const CurrentAreaContext = createContext<CurrentAreaValue | null>(null);

function toRef(node: AreaRef): AreaRef {
  return { code: node.code, name: node.name, level: node.level, levelName: node.levelName };
}

function storageKey(userId: string): string {
  return `yingji.currentArea.${userId}`;
}

/** The area chosen earlier in this tab, if it still lies within the user's scope. */
function restore(userId: string, scopeCode: string): AreaRef | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey(userId)) ?? 'null') as AreaRef | null;
    return saved && typeof saved.code === 'string' && saved.code.startsWith(scopeCode) ? saved : null;
  } catch {
    return null;
  }
}

export function CurrentAreaProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const [roots, setRoots] = useState<AreaNode[]>([]);
  const [area, setAreaState] = useState<AreaRef | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api
      .get<AreaNode | AreaNode[]>('/api/areas/tree?depth=1', { signal: controller.signal })
      .then((tree) => {
        // The installation administrator sees every county, so accept a forest as well as a single root.
        const forest = Array.isArray(tree) ? tree : [tree];
        setRoots(forest);
        const first = forest[0];
        setAreaState(restore(user.id, user.areaCode) ?? (first ? toRef(first) : null));
        setError(null);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [user.id, user.areaCode]);

  const setArea = useCallback(
    (next: AreaRef) => {
      const ref = toRef(next);
      sessionStorage.setItem(storageKey(user.id), JSON.stringify(ref));
      setAreaState(ref);
    },
    [user.id],
  );

  const value = useMemo(() => ({ roots, area, setArea, loading, error }), [roots, area, setArea, loading, error]);
  return <CurrentAreaContext.Provider value={value}>{children}</CurrentAreaContext.Provider>;
}

export function useCurrentArea(): CurrentAreaValue {
  const value = useContext(CurrentAreaContext);
  if (!value) throw new Error('useCurrentArea outside <CurrentAreaProvider>');
  return value;
}
