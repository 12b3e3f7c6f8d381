import { actionsFor } from './scans.service';

const member = { member_id: 'M-1', member_name: null, points: 10, balance: 0, tier: 'bronze' };
const now = new Date('2026-06-01T00:00:00Z');

describe('actionsFor (what a till may do with a scanned pass)', () => {
  it('offers redeem, points and balance on an active pass of a live member', () => {
    expect(actionsFor({ status: 'active', expirationDate: null }, member, now)).toEqual(['redeem', 'points', 'balance']);
  });

  it('offers no second redeem, and none on an expired pass', () => {
    expect(actionsFor({ status: 'redeemed', expirationDate: null }, member, now)).toEqual(['points', 'balance']);
    expect(actionsFor({ status: 'active', expirationDate: new Date('2026-05-31T00:00:00Z') }, member, now)).toEqual(['points', 'balance']);
  });

  it('offers nothing on a voided pass, and no member actions without a member', () => {
    expect(actionsFor({ status: 'voided', expirationDate: null }, member, now)).toEqual([]);
    expect(actionsFor({ status: 'active', expirationDate: null }, null, now)).toEqual(['redeem']);
  });
});
