import { describe, expect, it } from 'vitest';
import { addMonths, parseInstant, periodContaining, toDate, wholeDaysBetween } from './time';

const t = (iso: string) => parseInstant(iso)!;

describe('time', () => {
  it('parses instants with a zone and plain dates, and refuses the rest', () => {
    expect(t('2026-03-01T09:00:00Z')).toBe(Date.UTC(2026, 2, 1, 9));
    expect(t('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseInstant('2026-03-01T09:00:00')).toBeNull();
    expect(parseInstant('1 March 2026')).toBeNull();
    expect(parseInstant('2026-02-30T00:00:00Z')).toBeNull();
  });

  it('adds months keeping the day of month, clamped to short months', () => {
    expect(toDate(addMonths(t('2026-01-31T00:00:00Z'), 1))).toBe('2026-02-28');
    expect(toDate(addMonths(t('2026-01-31T00:00:00Z'), 2))).toBe('2026-03-31');
    expect(toDate(addMonths(t('2026-03-15T00:00:00Z'), -1))).toBe('2026-02-15');
    expect(toDate(addMonths(t('2024-02-29T00:00:00Z'), 12))).toBe('2025-02-28');
  });

  it('finds the billing period containing a moment, boundaries computed from the anchor', () => {
    const anchor = t('2026-01-31T10:00:00Z');
    const p = periodContaining(anchor, 1, t('2026-03-30T00:00:00Z'));
    expect([toDate(p.start), toDate(p.end), p.index]).toEqual(['2026-02-28', '2026-03-31', 1]);
    expect(periodContaining(anchor, 1, t('2026-03-31T10:00:00Z')).index).toBe(2);
    expect(periodContaining(anchor, 12, t('2026-12-01T00:00:00Z')).index).toBe(0);
    expect(periodContaining(anchor, 1, t('2025-12-01T00:00:00Z')).index).toBe(0);
  });

  it('counts whole days, flooring', () => {
    expect(wholeDaysBetween(t('2026-03-01T09:00:00Z'), t('2026-03-08T08:59:59Z'))).toBe(6);
    expect(wholeDaysBetween(t('2026-03-01T09:00:00Z'), t('2026-03-08T09:00:00Z'))).toBe(7);
  });
});
