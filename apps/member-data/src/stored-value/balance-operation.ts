import { DomainError, MAX_BALANCE, PointsOperation } from '@wp/contracts';

/**
 * The stored value after an operation, in minor units. Unlike points, money is never
 * clamped (spec/API.md §8.7): a subtract beyond the balance is refused and changes nothing.
 * Callers hold the member's row lock.
 */
export function applyBalanceOperation(balance: number, operation: PointsOperation, amount: number): number {
  switch (operation) {
    case 'add':
      if (balance + amount > MAX_BALANCE) {
        throw new DomainError('unprocessable', `The balance would exceed the maximum of ${MAX_BALANCE} minor units`, [
          { field: 'amount', message: `would take the balance above ${MAX_BALANCE}` },
        ]);
      }
      return balance + amount;
    case 'subtract':
      if (amount > balance) throw insufficientBalance(balance, amount);
      return balance - amount;
    case 'set':
      return amount;
  }
}

export function insufficientBalance(balance: number, amount: number): DomainError {
  return new DomainError('unprocessable', 'insufficient_balance: the balance is below the amount; nothing was changed', [
    { field: 'amount', message: `insufficient_balance: ${amount} asked, ${balance} available` },
  ]);
}
