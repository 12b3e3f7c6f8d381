import fc from 'fast-check';
import { StyleRule, ruleProblems, styleForPoints } from './style-rules';

const rule = (min: number, max: number, id = `${min}-${max}`): StyleRule => ({ pass_style_id: id, min_points: min, max_points: max });

describe('style group rules', () => {
  it("accepts the seed's groups: 0–100 / 101–200 and 0–100 / 101 and up", () => {
    expect(ruleProblems([rule(0, 100), rule(101, 200)])).toEqual([]);
    expect(ruleProblems([rule(0, 100), rule(101, 0)])).toEqual([]);
  });

  it('accepts gaps and any order', () => {
    expect(ruleProblems([rule(500, 0), rule(0, 10), rule(100, 200)])).toEqual([]);
  });

  it('reports ranges that share a point, inclusive bounds included', () => {
    expect(ruleProblems([rule(0, 100), rule(100, 200)])).toEqual([{ field: 'rules[1]', message: expect.stringContaining('overlaps rules[0] (0–100)') }]);
    expect(ruleProblems([rule(50, 0), rule(0, 100)])).toEqual([{ field: 'rules[1]', message: expect.stringContaining('overlaps rules[0] (50 and up)') }]);
    expect(ruleProblems([rule(0, 0), rule(1000, 2000)])).toHaveLength(1);
  });

  it('reports an upper bound below the lower one', () => {
    expect(ruleProblems([rule(100, 50)])).toEqual([{ field: 'rules[0].max_points', message: expect.any(String) }]);
  });

  it('picks the style whose inclusive range holds the points; 0 is unbounded; gaps pick none', () => {
    const rules = [rule(0, 100, 'bronze'), rule(101, 200, 'silver'), rule(501, 0, 'gold')];
    expect(styleForPoints(rules, 0)).toBe('bronze');
    expect(styleForPoints(rules, 100)).toBe('bronze');
    expect(styleForPoints(rules, 101)).toBe('silver');
    expect(styleForPoints(rules, 300)).toBeNull();
    expect(styleForPoints(rules, 2_000_000_000)).toBe('gold');
  });

  it('never accepts two rules that would both match some points', () => {
    const arbitraryRule = fc.record({ min: fc.integer({ min: 0, max: 300 }), span: fc.integer({ min: -1, max: 300 }) }).map(({ min, span }) => rule(min, span < 0 ? 0 : min + span));
    fc.assert(
      fc.property(fc.array(arbitraryRule, { minLength: 1, maxLength: 5 }), fc.integer({ min: 0, max: 1000 }), (rules, points) => {
        if (ruleProblems(rules).length > 0) return;
        const matching = rules.filter((r) => points >= r.min_points && (r.max_points === 0 || points <= r.max_points));
        expect(matching.length).toBeLessThanOrEqual(1);
      }),
    );
  });
});
