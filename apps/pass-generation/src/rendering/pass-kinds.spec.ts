import { appleImageRoles, kindProblems } from './pass-kinds';

describe('kindProblems', () => {
  it('wants a transit type on a boarding pass and nowhere else', () => {
    expect(kindProblems('boarding_pass', undefined, {}, 0)).toEqual([{ field: 'transit_type', message: expect.stringContaining('required') }]);
    expect(kindProblems('boarding_pass', 'bus', {}, 2)).toEqual([]);
    expect(kindProblems('coupon', 'bus', {}, 0)).toEqual([{ field: 'transit_type', message: expect.stringContaining('boarding_pass') }]);
  });

  it("refuses images the kind's Apple style does not show", () => {
    expect(kindProblems('generic', undefined, { strip: 's.png' }, 0).map((p) => p.field)).toEqual(['assets.apple.strip']);
    expect(kindProblems('boarding_pass', 'air', { strip: 's.png', footer: 'f.png' }, 0).map((p) => p.field)).toEqual(['assets.apple.strip']);
    expect(kindProblems('store_card', undefined, { thumbnail: 't.png', background: 'b.png' }, 0).map((p) => p.field)).toEqual(['assets.apple.thumbnail', 'assets.apple.background']);
    expect(kindProblems('generic', undefined, { thumbnail: 't.png' }, 0)).toEqual([]);
  });

  it('gives an event ticket a strip or else a background and thumbnail', () => {
    expect(kindProblems('event_ticket', undefined, { strip: 's.png', background: 'b.png' }, 0).map((p) => p.field)).toEqual(['assets.apple.strip']);
    expect(kindProblems('event_ticket', undefined, { background: 'b.png', thumbnail: 't.png' }, 0)).toEqual([]);
  });

  it('keeps one primary field on coupons, tickets and generic passes, two on boarding passes', () => {
    expect(kindProblems('coupon', undefined, {}, 2).map((p) => p.field)).toEqual(['primary_fields']);
    expect(kindProblems('boarding_pass', 'train', {}, 2)).toEqual([]);
    expect(kindProblems('store_card', undefined, {}, 2)).toEqual([]);
  });
});

describe('appleImageRoles', () => {
  it('draws the strip of an event ticket only when it has no background or thumbnail', () => {
    expect(appleImageRoles('event_ticket', {})).toEqual(['icon', 'logo', 'strip']);
    expect(appleImageRoles('event_ticket', { background: 'b.png' })).toEqual(['icon', 'logo', 'background', 'thumbnail']);
    expect(appleImageRoles('boarding_pass', {})).toEqual(['icon', 'logo', 'footer']);
    expect(appleImageRoles('generic', {})).toEqual(['icon', 'logo', 'thumbnail']);
  });
});
