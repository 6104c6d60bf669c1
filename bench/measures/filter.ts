/**
 * 6. The Active users search, one keystroke: active users whose display name
 * contains the typed text, case-insensitively, read from the replica's
 * derived tenant. The in-memory floor; the screen will use Dexie indexes.
 * Baseline: Array.filter over a prepared array of lower-cased names.
 */
import type { Tenant } from '../../src/lib/domain/types';
import type { Row } from '../table';
import { median, timeRuns } from '../timing';

/** What an admin types, a keystroke at a time. */
const TYPED = ['lindq', 'sson', 'patel', 'ann', 'berg', 'shared', 'okafor', 'mikko', 'holm', 'e'];
export const KEYSTROKES = TYPED.flatMap((word) => [...word].map((_, i) => word.slice(0, i + 1)));

export function searchUsers(tenant: Tenant, text: string): string[] {
  const needle = text.toLowerCase();
  const hits: string[] = [];
  for (const user of Object.values(tenant.users)) {
    if (user.deletedAt === null && user.displayName.toLowerCase().includes(needle)) {
      hits.push(user.id);
    }
  }
  return hits;
}

export async function measureFilter(tenant: Tenant): Promise<Row> {
  // Warm-up runs get negative indexes; every run types the next keystroke, round and round.
  const key = (i: number) => KEYSTROKES[Math.abs(i) % KEYSTROKES.length];
  let hits = 0;
  const seats = await timeRuns(100, (i) => (hits += searchUsers(tenant, key(i)).length), {
    warmup: 20,
  });
  const names = Object.values(tenant.users).map((user) => user.displayName.toLowerCase());
  const baseline = await timeRuns(
    100,
    (i) => (hits += names.filter((name) => name.includes(key(i))).length),
    { warmup: 20 },
  );
  return {
    measure: `user search, one keystroke (${names.length.toLocaleString('en')} users, median of 100)`,
    seats: median(seats),
    baseline: median(baseline),
    baselineIs: 'Array.filter with includes over a prepared array of lower-cased display names',
    target: 16,
  };
}
