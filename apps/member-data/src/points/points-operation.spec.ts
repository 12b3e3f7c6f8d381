import { DomainError, MAX_POINTS } from '@wp/contracts';
import { applyOperation } from './points-operation';

describe('points operations', () => {
  it('adds, subtracts without going below 0, and sets', () => {
    expect(applyOperation(90, 'add', 25)).toBe(115);
    expect(applyOperation(115, 'subtract', 10)).toBe(105);
    expect(applyOperation(5, 'subtract', 10)).toBe(0);
    expect(applyOperation(105, 'set', 150)).toBe(150);
    expect(applyOperation(105, 'set', 0)).toBe(0);
  });

  it('refuses an add past the largest balance instead of overflowing', () => {
    expect(() => applyOperation(MAX_POINTS - 1, 'add', 2)).toThrow(DomainError);
    expect(applyOperation(MAX_POINTS - 1, 'add', 1)).toBe(MAX_POINTS);
  });
});
