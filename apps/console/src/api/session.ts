// The admin's access token lives in sessionStorage: gone when the tab closes, never in a
// cookie the API would have to defend against CSRF.
const KEY = 'wp-console-session';

export interface Session {
  token: string;
  email: string;
  expiresAt: string;
}

type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

// The same stored text gives the same object, as React's useSyncExternalStore requires.
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

export function readSession(): Session | null {
  let raw: string | null = null;
  try {
    raw = sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
  if (raw !== cached.raw) {
    let session: Session | null = null;
    try {
      session = raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      session = null;
    }
    cached = { raw, session };
  }
  return cached.session;
}

export function writeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
