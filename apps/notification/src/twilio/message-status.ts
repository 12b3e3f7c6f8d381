import type { SmsStatus } from '@wp/contracts';

export type SmsEventType = 'sms.sent' | 'sms.delivered' | 'sms.failed';

// Twilio's MessageStatus values in our vocabulary. Inbound
// states (receiving, received) never concern an outgoing message and are not listed.
const FROM_TWILIO: Record<string, SmsStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sending',
  sent: 'sent',
  partially_delivered: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

// Callbacks can arrive out of order (a late `sent` after `delivered`); a status only moves
// forward, and the final ones never change.
const RANK: Record<SmsStatus, number> = { dry_run: -1, queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

export function fromTwilioStatus(status: string | undefined): SmsStatus | null {
  return (status && FROM_TWILIO[status.toLowerCase()]) || null;
}

export interface StatusChange {
  status: SmsStatus;
  events: SmsEventType[];
}

/** What a reported status does to a message: its new status and the events to emit, or null. */
export function applyReportedStatus(current: SmsStatus, reported: SmsStatus): StatusChange | null {
  if (current === 'dry_run' || RANK[reported] <= RANK[current]) return null;
  const events: SmsEventType[] = [];
  // A message delivered without a `sent` callback first (Twilio skips some) was still sent.
  if ((reported === 'sent' || reported === 'delivered') && RANK[current] < RANK.sent) events.push('sms.sent');
  if (reported === 'delivered') events.push('sms.delivered');
  if (reported === 'undelivered' || reported === 'failed') events.push('sms.failed');
  return { status: reported, events };
}
