import { cardDigits } from '../billing/card';

/**
 * What the op of an ACCEPTED command carries: the one place where a command
 * is changed between being decided on its device and being recorded.
 *
 * BILL-3: "the security code is checked and never stored". A payment method
 * is decided on its device in full (card number and security code, so the
 * admin gets INVALID_PAYMENT_METHOD at once); the op that is signed, stored
 * (y-indexeddb), sent (relay, other tabs) and exported (sync files) keeps
 * only what the tenant keeps anyway, the card's last 4 digits, and says the
 * checks that needed the rest were passed (`cardChecked: true`). Every
 * replica decides the op in that form (paymentMethods.ts): the checks that
 * depend on its position in the log (who may, which ids, expiry against the
 * op's time) run again; Luhn and the security code are not asked twice.
 *
 * Any other command is recorded as it is: the very same payload object.
 */
export function recordedPayload(type: string, payload: unknown): unknown {
  if (type !== 'addPaymentMethod' && type !== 'updatePaymentMethod') return payload;
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
  const full = payload as Record<string, unknown>;
  // Already in recorded form (decided as such, so it carries neither).
  if (full['cardChecked'] === true) return payload;
  const kept: Record<string, unknown> = { ...full, cardChecked: true };
  delete kept['securityCode'];
  delete kept['cardNumber'];
  if (type === 'addPaymentMethod') {
    const cardNumber = full['cardNumber'];
    kept['last4'] = typeof cardNumber === 'string' ? cardDigits(cardNumber).slice(-4) : null;
  }
  return kept;
}
