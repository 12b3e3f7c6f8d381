/** The contract's error envelope (section 2): `errors[]` names the fields a request got wrong. */
export interface ErrorEnvelope {
  status?: string;
  message?: string;
  errors?: Array<{ field?: string; message: string }>;
  request_id?: string;
}

/** A failed API call, kept whole so a form can put each message beside the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly envelope: ErrorEnvelope,
  ) {
    super(envelope.message ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
  }

  get requestId(): string | undefined {
    return this.envelope.request_id;
  }
}

export interface SplitErrors {
  /** Messages by field path as the API names it, e.g. `tiers.1.min_points`. */
  fields: Record<string, string>;
  /** Messages that name no field, or a field the form does not show. */
  general: string[];
}

/**
 * Splits an envelope into messages for the form's own fields and the rest. A field the form
 * does not know (`known` lacks it) still reaches the user, in the general list, prefixed by
 * its name so the message keeps its meaning.
 */
export function splitErrors(envelope: ErrorEnvelope | undefined, known: readonly string[] = []): SplitErrors {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  for (const error of envelope?.errors ?? []) {
    const field = error.field ? normaliseField(error.field) : undefined;
    if (field && known.includes(field)) {
      fields[field] = fields[field] ? `${fields[field]}; ${error.message}` : error.message;
    } else {
      general.push(field ? `${field}: ${error.message}` : error.message);
    }
  }
  if (!envelope?.errors?.length && envelope?.message) general.push(envelope.message);
  return { fields, general };
}

/** `tiers[1].min_points` and `tiers.1.min_points` are the same field to a form. */
export function normaliseField(field: string): string {
  return field.replace(/\[(\d+)\]/g, '.$1');
}

/** Seconds to wait from a `Retry-After` header (seconds or an HTTP date); at least 1. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (!header) return 1;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? 1 : Math.max(1, Math.ceil((date - now) / 1000));
}

/**
 * Whether an answer means the admin's token no longer works, so the console must sign in
 * again: no credentials (401), or a 403 whose message is the credential check's own
 * ("Credentials have expired", "Invalid credentials"), or any 403 once the token's own
 * expiry has passed. A 403 for a wrong role, or a suspended tenant, keeps the session.
 */
export function isSessionRejection(status: number, envelope: ErrorEnvelope | undefined, expiresAt: string | undefined, now = Date.now()): boolean {
  if (status === 401) return true;
  if (status !== 403) return false;
  if (expiresAt && Date.parse(expiresAt) <= now) return true;
  return /^(Credentials have expired|Invalid credentials)$/.test(envelope?.message ?? '');
}
