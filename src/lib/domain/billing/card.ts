/** BILL-3: the checks a card must pass. The security code is checked, never kept. */

/** The digits of a card number as typed (spaces and hyphens dropped). */
export function cardDigits(cardNumber: string): string {
  return cardNumber.replace(/\D/g, '');
}

export function luhnValid(cardNumber: string): boolean {
  const digits = cardNumber.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function securityCodeValid(code: string): boolean {
  return /^\d{3,4}$/.test(code);
}

/** `MM/YYYY` (or `MM/YY`) → month and year, or null. */
export function parseExpiry(text: string): { month: number; year: number } | null {
  const match = /^(\d{1,2})\/(\d{2}|\d{4})$/.exec(text.trim());
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

/** A card is good through the last day of its expiry month. */
export function expiredAt(expiry: { month: number; year: number }, now: number): boolean {
  return Date.UTC(expiry.year, expiry.month, 1) <= now;
}
