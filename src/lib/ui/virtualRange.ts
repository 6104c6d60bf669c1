/** The rows [first, last) a virtual list renders: those in view, plus `overscan` either side. */
export function visibleRange(view: {
  scrollTop: number;
  viewportHeight: number;
  headerHeight: number;
  rowHeight: number;
  count: number;
  overscan: number;
}): { first: number; last: number } {
  const { scrollTop, viewportHeight, headerHeight, rowHeight, count, overscan } = view;
  const top = scrollTop - headerHeight;
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + viewportHeight) / rowHeight) + overscan);
  return { first: Math.min(first, last), last };
}
