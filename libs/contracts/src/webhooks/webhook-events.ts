import { EVENT_TYPES, EventType } from '../events';

/** The type of the event `POST /v1/webhooks/{id}/test` sends; never a domain event. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

const FAMILIES = [...new Set(EVENT_TYPES.map((type) => type.split('.')[0]))];

/**
 * What a subscription may list: an exact event type (`pass.created`), a family wildcard
 * (`pass.*`) or everything (`*`). Unknown names are refused at registration rather than
 * silently never matching.
 */
export function isEventPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return FAMILIES.includes(pattern.slice(0, -2));
  return (EVENT_TYPES as readonly string[]).includes(pattern);
}

export function matchesEventPattern(pattern: string, type: EventType | string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

export function subscribesTo(patterns: readonly string[], type: EventType | string): boolean {
  return patterns.some((pattern) => matchesEventPattern(pattern, type));
}

export const EVENT_PATTERN_EXAMPLES = ['member.points_changed', 'pass.*', '*'];

/** The body of every delivery; `id` is also the webhook-id header. */
export interface WebhookPayload {
  id: string;
  type: EventType | typeof WEBHOOK_TEST_EVENT;
  created_at: string;
  tenant_id: string;
  data: object;
}
