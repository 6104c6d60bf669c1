/**
 * 1. Load: from what IndexedDB hands back (the op log's Yjs bytes and the
 * stored snapshot) to a replayed tenant that answers a query; the app's start
 * path (store/tenantSession.ts). Baseline: Y.applyUpdate of the same bytes.
 */
import * as Y from 'yjs';
import type { Snapshot } from '../../src/lib/replica/snapshot';
import { openReplica, type Device } from '../open';
import type { Row } from '../table';
import { median, timeRuns } from '../timing';

export async function measureLoad(
  device: Device,
  bytes: Uint8Array,
  stored: Snapshot,
  now: number,
  subscription: string,
): Promise<{ row: Row; runs: number[] }> {
  const runs = await timeRuns(
    3,
    async () => {
      // IndexedDB returns a structured clone of what was put: part of reading the snapshot.
      const snapshot = structuredClone(stored);
      const replica = await openReplica(device, bytes, snapshot, now);
      const answer = replica.query('licenses', { subscription }, now);
      if (!answer.ok) throw new Error(`query failed after load: ${answer.refusal.message}`);
    },
    { warmup: 1 },
  );
  const baseline = await timeRuns(5, () => Y.applyUpdate(new Y.Doc(), bytes), { warmup: 2 });
  return {
    runs,
    row: {
      measure: `load (${(bytes.length / 1e6).toFixed(1)} MB log + snapshot)`,
      seats: median(runs),
      baseline: median(baseline),
      baselineIs: 'Y.applyUpdate of the same bytes into an empty Y.Doc (median of 5)',
      target: 1000,
      targetLabel: '< 1 s (cold start)',
    },
  };
}
