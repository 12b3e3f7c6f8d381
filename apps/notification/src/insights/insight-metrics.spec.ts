import { DomainEvent } from '@wp/contracts';
import { addToCounts, emptyCounts, metricsOf } from './insight-metrics';

const base = { id: 'e', tenantId: 't', occurredAt: '2026-01-01T00:00:00.000Z' };
const pass = { pass_id: 'p', member_id: 'M-1' };

describe('insights metrics of an event', () => {
  it.each<[DomainEvent, string[]]>([
    [{ ...base, type: 'pass.created', data: { ...pass, pass_type: 'apple', serial_number: 's', channel: 'api' } }, ['passes_created_apple']],
    [{ ...base, type: 'pass.created', data: { ...pass, pass_type: 'google', serial_number: 's', channel: 'sms' } }, ['passes_created_google']],
    [{ ...base, type: 'pass.installed', data: { ...pass, pass_type: 'apple', channel: 'sms' } }, ['installs', 'installs_sms']],
    [{ ...base, type: 'pass.installed', data: { ...pass, pass_type: 'google', channel: 'page' } }, ['installs', 'installs_page']],
    [{ ...base, type: 'pass.uninstalled', data: { ...pass, pass_type: 'apple' } }, ['uninstalls']],
    [{ ...base, type: 'pass.updated', data: { ...pass, pass_type: 'apple', status: 'active', cause: 'member' } }, ['updates_pushed']],
    [{ ...base, type: 'sms.sent', data: { message_id: 'm', pass_id: 'p', member_id: 'M-1', to: '+1******0123', short_code: 'abc' } }, ['sms_sent']],
    [{ ...base, type: 'sms.delivered', data: { message_id: 'm', pass_id: 'p', member_id: 'M-1' } }, ['sms_delivered']],
    [{ ...base, type: 'link.clicked', data: { short_code: 'abc', pass_id: 'p', member_id: 'M-1' } }, ['link_clicks']],
    [{ ...base, type: 'pass.scanned', data: { ...pass, pass_type: 'apple', scanner_id: 'sc', action: 'points', scan_id: 's' } }, ['scans']],
    [{ ...base, type: 'pass.redeemed', data: { ...pass, pass_type: 'apple', coupon_id: 'c', transaction_reference: 'r', scanner_id: null } }, ['redemptions']],
    [{ ...base, type: 'sms.failed', data: { message_id: 'm', pass_id: null, member_id: null, error_code: '30003' } }, []],
    [{ ...base, type: 'pass.voided', data: { ...pass, pass_type: 'apple', reason: 'requested' } }, []],
  ])('%#: %j moves %j', (event, metrics) => {
    expect(metricsOf(event)).toEqual(metrics);
  });

  it('folds channel installs into installs_by_channel', () => {
    const counts = emptyCounts();
    addToCounts(counts, 'installs', 3);
    addToCounts(counts, 'installs_sms', 2);
    addToCounts(counts, 'installs_api', 1);
    addToCounts(counts, 'link_clicks', 4);
    expect(counts).toEqual({ ...emptyCounts(), installs: 3, link_clicks: 4, installs_by_channel: { sms: 2, page: 0, api: 1, enrollment: 0, email: 0 } });
  });
});
