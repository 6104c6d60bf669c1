import { describe, expect, it } from 'vitest';
import { formatProductKey, normaliseProductKey } from './productKey';

describe('product keys (KEY-1)', () => {
  it('accepts 25 letters and digits, with or without separators, any case', () => {
    expect(normaliseProductKey('abcde-12345-FGHIJ-67890-klmno')).toBe('ABCDE12345FGHIJ67890KLMNO');
    expect(normaliseProductKey('ABCDE 12345 FGHIJ 67890 KLMNO')).toBe('ABCDE12345FGHIJ67890KLMNO');
  });

  it('refuses anything else', () => {
    expect(normaliseProductKey('ABCDE-12345-FGHIJ-67890-KLMN')).toBeNull();
    expect(normaliseProductKey('ABCDE-12345-FGHIJ-67890-KLMN!')).toBeNull();
    expect(normaliseProductKey('')).toBeNull();
  });

  it('shows a key as five groups of five', () => {
    expect(formatProductKey('ABCDE12345FGHIJ67890KLMNO')).toBe('ABCDE-12345-FGHIJ-67890-KLMNO');
  });
});
