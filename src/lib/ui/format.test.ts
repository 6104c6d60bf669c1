import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber } from './format';

describe('formatting in the chosen language', () => {
  it('writes money from minor units with the locale’s separators', () => {
    expect(formatMoney('en', 230050, 'USD')).toBe('US$2,300.50');
    expect(formatMoney('sv', 230050, 'SEK').replace(/\s/g, ' ')).toBe('2 300,50 kr');
    expect(formatMoney('da', 230050, 'DKK').replace(/\s/g, ' ')).toBe('2.300,50 kr.');
  });

  it('writes numbers and dates the local way', () => {
    expect(formatNumber('sv', 10000).replace(/\s/g, ' ')).toBe('10 000');
    expect(formatDate('da', Date.UTC(2026, 10, 22))).toBe('22. nov. 2026');
  });
});
