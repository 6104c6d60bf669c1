/** The printed table: each Seats figure beside the raw layer's, the ratio, the target, a verdict. */

export interface Row {
  measure: string;
  /** Milliseconds, or bytes when `unit` is 'B'. */
  seats: number;
  baseline: number;
  /** What the baseline is, printed under the table. */
  baselineIs: string;
  unit?: 'ms' | 'B';
  /** Upper bound for `seats`, from ARCHITECTURE.md's performance targets. */
  target?: number;
  targetLabel?: string;
}

export function formatValue(value: number, unit: 'ms' | 'B' = 'ms'): string {
  if (unit === 'B')
    return value >= 10_000 ? `${(value / 1024).toFixed(1)} KB` : `${Math.round(value)} B`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  if (value >= 1) return `${value.toFixed(2)} ms`;
  return `${value.toFixed(3)} ms`;
}

function ratio(seats: number, baseline: number): string {
  if (baseline <= 0) return '—';
  const r = seats / baseline;
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

export function verdict(row: Row): string {
  if (row.target === undefined) return '—';
  return row.seats < row.target ? 'PASS' : 'FAIL';
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['measure', 'Seats', 'baseline', 'ratio', 'target', 'verdict'];
  const cells = rows.map((row) => [
    row.measure,
    formatValue(row.seats, row.unit),
    formatValue(row.baseline, row.unit),
    ratio(row.seats, row.baseline),
    row.targetLabel ?? (row.target === undefined ? '—' : `< ${formatValue(row.target, row.unit)}`),
    verdict(row),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  // Text columns align left, figures right.
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = rows.map((row, i) => `  ${i + 1}. ${row.measure}: baseline = ${row.baselineIs}`);
  return [line(header), rule, ...cells.map(line), '', 'Baselines:', ...notes].join('\n');
}
