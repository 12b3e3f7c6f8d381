import { applyReportedStatus, fromTwilioStatus } from './message-status';

describe('Twilio message statuses', () => {
  it("maps Twilio's statuses to ours and ignores inbound or unknown ones", () => {
    expect(fromTwilioStatus('accepted')).toBe('queued');
    expect(fromTwilioStatus('sent')).toBe('sent');
    expect(fromTwilioStatus('read')).toBe('delivered');
    expect(fromTwilioStatus('canceled')).toBe('failed');
    expect(fromTwilioStatus('received')).toBeNull();
    expect(fromTwilioStatus('something-new')).toBeNull();
    expect(fromTwilioStatus(undefined)).toBeNull();
  });

  it('emits sms.sent then sms.delivered along the normal path', () => {
    expect(applyReportedStatus('queued', 'sending')).toEqual({ status: 'sending', events: [] });
    expect(applyReportedStatus('sending', 'sent')).toEqual({ status: 'sent', events: ['sms.sent'] });
    expect(applyReportedStatus('sent', 'delivered')).toEqual({ status: 'delivered', events: ['sms.delivered'] });
  });

  it('counts a message delivered without a sent callback as sent too', () => {
    expect(applyReportedStatus('queued', 'delivered')).toEqual({ status: 'delivered', events: ['sms.sent', 'sms.delivered'] });
  });

  it('emits sms.failed for failed and undelivered messages, even after sent', () => {
    expect(applyReportedStatus('queued', 'failed')).toEqual({ status: 'failed', events: ['sms.failed'] });
    expect(applyReportedStatus('sent', 'undelivered')).toEqual({ status: 'undelivered', events: ['sms.failed'] });
  });

  it('never moves backwards, changes a final status or touches a dry run', () => {
    expect(applyReportedStatus('delivered', 'sent')).toBeNull();
    expect(applyReportedStatus('sent', 'sent')).toBeNull();
    expect(applyReportedStatus('delivered', 'failed')).toBeNull();
    expect(applyReportedStatus('failed', 'delivered')).toBeNull();
    expect(applyReportedStatus('dry_run', 'delivered')).toBeNull();
  });
});
