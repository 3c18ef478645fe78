import { useSyncExternalStore } from 'react';

/**
 * A history-API router small enough to read at a glance: the app has a handful of flat pages, and the server
 * answers every non-/api path with index.html, so real paths (not #hashes) survive a reload.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', notify);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface NavigateOptions {
  replace?: boolean;
  /** Kept in history.state, e.g. the page to return to after logging in. */
  state?: unknown;
}

export function navigate(path: string, options: NavigateOptions = {}): void {
  if (path === currentPath() && !options.state) return;
  if (options.replace) window.history.replaceState(options.state ?? null, '', path);
  else window.history.pushState(options.state ?? null, '', path);
  notify();
}

function currentPath(): string {
  return window.location.pathname;
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function historyState<T>(): T | null {
  return (window.history.state as T | null) ?? null;
}
