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

/** Cursor paging over a list endpoint: a stack of cursors so "Previous" needs no API support. */
export function useCursorStack() {
  const [stack, setStack] = useState<Array<string | undefined>>([undefined]);
  return {
    cursor: stack[stack.length - 1],
    hasPrevious: stack.length > 1,
    next: (cursor: string | null) => cursor && setStack((s) => [...s, cursor]),
    previous: () => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)),
    reset: () => setStack([undefined]),
  };
}
