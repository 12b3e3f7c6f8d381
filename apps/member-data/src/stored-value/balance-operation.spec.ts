import { DomainError, MAX_BALANCE } from '@wp/contracts';
import { applyBalanceOperation } from './balance-operation';

describe('applyBalanceOperation', () => {
  it('adds, subtracts and sets in minor units', () => {
    expect(applyBalanceOperation(1000, 'add', 250)).toBe(1250);
    expect(applyBalanceOperation(1000, 'subtract', 1000)).toBe(0);
    expect(applyBalanceOperation(1000, 'set', 7)).toBe(7);
  });

  it('refuses a subtract beyond the balance instead of clamping (insufficient_balance, 422)', () => {
    const refuse = () => applyBalanceOperation(500, 'subtract', 501);
    expect(refuse).toThrow(DomainError);
    expect(refuse).toThrow(/insufficient_balance/);
    try {
      refuse();
    } catch (error) {
      expect((error as DomainError).status).toBe(422);
      expect((error as DomainError).errors).toEqual([{ field: 'amount', message: 'insufficient_balance: 501 asked, 500 available' }]);
    }
  });

  it('refuses an add past the largest balance', () => {
    expect(() => applyBalanceOperation(MAX_BALANCE, 'add', 1)).toThrow(/maximum/);
  });
});
