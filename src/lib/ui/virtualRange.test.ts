import { describe, expect, it } from 'vitest';
import { visibleRange } from './virtualRange';

const view = { viewportHeight: 440, headerHeight: 40, rowHeight: 44, count: 10_000, overscan: 5 };

describe('visibleRange', () => {
  it('renders the rows in view plus the overscan, never past either end', () => {
    expect(visibleRange({ ...view, scrollTop: 0 })).toEqual({ first: 0, last: 15 });
    // Scrolled to row 100 exactly: rows 100..109 show under the header.
    expect(visibleRange({ ...view, scrollTop: 40 + 100 * 44 })).toEqual({ first: 95, last: 115 });
    expect(visibleRange({ ...view, scrollTop: 40 + 9_995 * 44 })).toEqual({
      first: 9_990,
      last: 10_000,
    });
  });

  it('stays small whatever the size of the list', () => {
    const { first, last } = visibleRange({ ...view, scrollTop: 123_456 });
    expect(last - first).toBeLessThanOrEqual(Math.ceil(440 / 44) + 1 + 2 * 5);
  });

  it('renders nothing for an empty list', () => {
    expect(visibleRange({ ...view, count: 0, scrollTop: 0 })).toEqual({ first: 0, last: 0 });
  });
});
