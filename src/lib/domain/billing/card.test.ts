import { describe, expect, it } from 'vitest';
import { expiredAt, luhnValid, parseExpiry, securityCodeValid } from './card';

describe('payment cards (BILL-3)', () => {
  it('checks card numbers with the Luhn sum', () => {
    expect(luhnValid('4111 1111 1111 1111')).toBe(true);
    expect(luhnValid('4111-1111-1111-1112')).toBe(false);
    expect(luhnValid('4111')).toBe(false);
  });

  it('accepts 3 or 4 digit security codes only', () => {
    expect(securityCodeValid('123')).toBe(true);
    expect(securityCodeValid('1234')).toBe(true);
    expect(securityCodeValid('12')).toBe(false);
    expect(securityCodeValid('12a')).toBe(false);
  });

  it('reads MM/YYYY and MM/YY expiry dates; a card is good through its month', () => {
    expect(parseExpiry('07/2028')).toEqual({ month: 7, year: 2028 });
    expect(parseExpiry('7/28')).toEqual({ month: 7, year: 2028 });
    expect(parseExpiry('13/2028')).toBeNull();
    expect(expiredAt({ month: 3, year: 2026 }, Date.UTC(2026, 2, 31, 23))).toBe(false);
    expect(expiredAt({ month: 3, year: 2026 }, Date.UTC(2026, 3, 1))).toBe(true);
  });
});
