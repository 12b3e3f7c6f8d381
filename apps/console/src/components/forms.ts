import { useEffect, useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, splitErrors } from '../lib/api-errors';

/**
 * Puts an API error's messages on the form: each `errors[]` entry beside the field it names,
 * the rest in the returned list for an error summary.
 */
export function applyApiError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: readonly string[], alias: Record<string, string> = {}): string[] {
  if (!(error instanceof ApiError)) return [String(error)];
  const { fields: byField, general } = splitErrors(error.envelope, [...fields, ...Object.keys(alias)]);
  for (const [field, message] of Object.entries(byField)) setError((alias[field] ?? field) as Path<T>, { type: 'server', message });
  if (Object.keys(byField).length && !general.length) return [];
  return general.length ? general : [error.message];
}

/** Every screen names itself in the tab title, for screen readers and history. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · WalletPass console`;
  }, [title]);
}

/**
 * Cursor paging over a list endpoint: a stack of cursors so "Previous" needs no API support.
 * `scope` names what is listed (a search, say): when it changes, paging starts again at the
 * first page, since the old cursors belong to another list.
 */
export function useCursorStack(scope = '') {
  const [state, setState] = useState<{ scope: string; stack: Array<string | undefined> }>({ scope, stack: [undefined] });
  const stack = state.scope === scope ? state.stack : [undefined];
  const set = (change: (s: Array<string | undefined>) => Array<string | undefined>) =>
    setState((current) => ({ scope, stack: change(current.scope === scope ? current.stack : [undefined]) }));
  return {
    cursor: stack[stack.length - 1],
    hasPrevious: stack.length > 1,
    next: (cursor: string | null) => cursor && set((s) => [...s, cursor]),
    previous: () => set((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => set(() => [undefined]),
  };
}

/** The value once it has stopped changing for `ms`: a search box asks the API once per pause, not per key. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
