import { DomainError, MAX_POINTS, PointsOperation } from '@wp/contracts';

/**
 * The balance after an operation. Callers hold the member's row lock, so the balance they
 * pass in cannot change before they write the result.
 */
export function applyOperation(balance: number, operation: PointsOperation, points: number): number {
  switch (operation) {
    case 'add':
      if (balance + points > MAX_POINTS) {
        throw new DomainError('unprocessable', `The balance would exceed the maximum of ${MAX_POINTS} points`, [
          { field: 'points', message: `would take the balance above ${MAX_POINTS}` },
        ]);
      }
      return balance + points;
    case 'subtract':
      return Math.max(balance - points, 0);
    case 'set':
      return points;
  }
}
