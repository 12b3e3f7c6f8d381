import { DEFAULT_PROGRAMME, TierRange, tierFor, validateTiers } from './programme';

const tier = (tier_name: string, min_points: number, max_points: number): TierRange => ({ tier_name, min_points, max_points });

describe('membership programme rules', () => {
  it('accepts the default programme and the seed programme whose top tier is bounded', () => {
    expect(validateTiers(DEFAULT_PROGRAMME.tiers)).toEqual([]);
    expect(validateTiers([tier('bronze', 0, 100), tier('silver', 101, 200)])).toEqual([]);
  });

  it('accepts tiers given in any order', () => {
    expect(validateTiers([tier('gold', 201, 0), tier('bronze', 0, 100), tier('silver', 101, 200)])).toEqual([]);
  });

  it('names the tier that does not start at 0', () => {
    expect(validateTiers([tier('bronze', 10, 100), tier('silver', 101, 0)])).toEqual([
      { field: 'tiers.0.min_points', message: 'the lowest tier must start at 0' },
    ]);
  });

  it('names overlaps and gaps by the position of the offending tier', () => {
    expect(validateTiers([tier('bronze', 0, 100), tier('silver', 100, 200), tier('gold', 250, 0)])).toEqual([
      { field: 'tiers.1.min_points', message: 'overlaps bronze (0-100)' },
      { field: 'tiers.2.min_points', message: 'leaves a gap after silver (100-200); must be 201' },
    ]);
  });

  it('allows only the highest tier to be unbounded', () => {
    expect(validateTiers([tier('bronze', 0, 0), tier('silver', 101, 0)])).toEqual([
      { field: 'tiers.0.max_points', message: 'only the highest tier may be unbounded (0); this one overlaps silver' },
    ]);
  });

  it('rejects a bound below its minimum and a repeated name', () => {
    expect(validateTiers([tier('bronze', 0, 100), tier('Bronze', 101, 50)])).toEqual([
      { field: 'tiers.1.tier_name', message: 'repeats the name of tiers.0' },
      { field: 'tiers.1.max_points', message: 'must be 0 (no upper bound) or at least min_points' },
    ]);
  });

  it('picks the tier of a balance, keeping the top tier above a bounded top', () => {
    const seed = [tier('bronze', 0, 100), tier('silver', 101, 200)];
    expect(tierFor(seed, 0)).toBe('bronze');
    expect(tierFor(seed, 100)).toBe('bronze');
    expect(tierFor(seed, 101)).toBe('silver');
    expect(tierFor(seed, 5000)).toBe('silver');
    expect(tierFor(DEFAULT_PROGRAMME.tiers, 150)).toBe('silver');
    expect(tierFor(DEFAULT_PROGRAMME.tiers, 201)).toBe('gold');
  });
});
