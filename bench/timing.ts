/** Timing helpers: wall-clock milliseconds with performance.now(). */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Milliseconds one call of `work` takes. */
export async function timeOnce(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Runs `work` `warmup` times untimed, then `runs` times timed; the times in ms. */
export async function timeRuns(
  runs: number,
  work: (run: number) => unknown,
  { warmup = 0, before }: { warmup?: number; before?: () => unknown } = {},
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await work(-1 - i);
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const start = performance.now();
    await work(i);
    times.push(performance.now() - start);
  }
  return times;
}

/** Asks V8 for a full collection when the bench runs with --expose-gc, so one measure's garbage doesn't land in the next. */
export function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function progress(message: string): void {
  process.stderr.write(`[${(performance.now() / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}
