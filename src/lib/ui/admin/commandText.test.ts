import { describe, expect, it } from 'vitest';
import { commandDetail } from './commandText';

const names = { tenant: null, catalogue: null };

describe('commandDetail for payment methods (BILL-3)', () => {
  it('shows a card by its last 4 digits, as the op records it', () => {
    const recorded = { id: 'visa', last4: '1111', nameOnCard: 'Ann Berg', cardChecked: true };
    expect(commandDetail('addPaymentMethod', recorded, names)).toBe('•••• 1111');
  });

  it('reads the last 4 digits from the card number of an op recorded before', () => {
    const old = { id: 'visa', cardNumber: '4111 1111 1111 1234', nameOnCard: 'Ann Berg' };
    expect(commandDetail('addPaymentMethod', old, names)).toBe('•••• 1234');
  });

  it('shows the name on the card of an edit', () => {
    const edit = { id: 'visa', nameOnCard: 'Ann Berg', cardChecked: true };
    expect(commandDetail('updatePaymentMethod', edit, names)).toBe('Ann Berg');
  });
});
