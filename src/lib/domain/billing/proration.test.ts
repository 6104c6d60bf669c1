import { describe, expect, it } from 'vitest';
import { newSubscription } from '../newSubscription';
import { parseInstant } from '../time';
import { prorationLines, roundedQuotient } from './proration';

describe('proration (BILL-2)', () => {
  it('rounds half away from zero to the minor unit', () => {
    expect(roundedQuotient(5, 2)).toBe(3);
    expect(roundedQuotient(-5, 2)).toBe(-3);
    expect(roundedQuotient(7, 3)).toBe(2);
    expect(roundedQuotient(0, 30)).toBe(0);
  });

  it('credits the original charge and prorates old and new counts by whole days', () => {
    const subscription = newSubscription({
      id: 'e3',
      product: 'ENTERPRISEPACK',
      total: 10,
      billingFrequency: 'monthly',
      purchasedAt: parseInstant('2026-03-01T00:00:00Z')!,
      channel: 'Direct',
      trial: false,
      purchaser: null,
      unitPrice: 2300,
      currency: 'USD',
    });
    // March has 31 days; 10 days elapsed on 2026-03-11T12:00.
    const lines = prorationLines(subscription, {
      at: parseInstant('2026-03-11T12:00:00Z')!,
      from: 10,
      to: 15,
      unitPrice: 2300,
      kind: 'now',
    });
    expect(lines.map((l) => l.amount)).toEqual([-23000, 7419, 23371]);
  });
});
