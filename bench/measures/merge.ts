/**
 * 3. Merge: two devices that hold the whole log each make 2,000 changes
 * offline (clocks interleaved), then what syncPair does: both exchange and
 * replay. Two rows: each device's own merge (the update for it encoded and
 * applied, then its refresh: open, check and replay what arrived), the
 * slower of the two, which is what an admin waits for on their own machine
 * and what the target is about; and both devices one after the other on
 * this one thread, as syncPair runs them.
 * Baselines: the same Yjs exchange between plain documents in the same two
 * states (state vector, encodeStateAsUpdate, applyUpdate), for that device,
 * and both ways.
 */
import * as Y from 'yjs';
import type { Replica } from '../../src/lib/replica/replica';
import type { CommandPicker, Authors } from '../commands';
import { formatValue, type Row } from '../table';
import { collect, median, timeOnce, timeRuns } from '../timing';

export interface Worker {
  replica: Replica;
  picker: CommandPicker;
  authors: Authors;
}

export interface MergeResult {
  /** The slower device's own merge, against the target. */
  row: Row;
  /** Both devices' merges one after the other (syncPair). */
  bothRow: Row;
  /** Mean time of one offline command while making the changes. */
  offlineCommandMs: number;
  conflictsAdded: number;
  converged: boolean;
}

export async function measureMerge(
  devices: [Worker, Worker],
  changes: number,
  start: number,
  spacing: number,
): Promise<MergeResult> {
  const conflictsBefore = devices[0].replica.conflicts.length;
  let made = 0;
  const making = await timeOnce(async () => {
    for (const [i, { replica, picker, authors }] of devices.entries()) {
      for (let j = 0; j < changes;) {
        const { command, author } = picker.next(replica.tenant, authors);
        const outcome = await replica.execute(command, author, start + (2 * j + i) * spacing);
        if (outcome.op) j++;
        made++;
      }
    }
  });
  const now = start + 2 * changes * spacing;
  const [a, b] = devices.map((d) => d.replica);
  const states = [Y.encodeStateAsUpdate(a.doc), Y.encodeStateAsUpdate(b.doc)];

  // The garbage of making the changes is not the merge's.
  collect();
  // syncPair (scenario/devices.ts), each device's part timed: B's update is
  // made from A's document and applied to B's, then B's refresh; and back.
  const own = { a: 0, b: 0 };
  const both = await timeOnce(async () => {
    own.b = await timeOnce(() => exchange(a.doc, b.doc));
    own.a = await timeOnce(() => exchange(b.doc, a.doc));
    own.a += await timeOnce(() => a.refresh(now));
    own.b += await timeOnce(() => b.refresh(now));
  });
  const converged = a.derivedState() === b.derivedState();
  const slower = own.a >= own.b ? 'a' : 'b';

  let docs: Y.Doc[] = [];
  const plain = { a: [] as number[], b: [] as number[], both: [] as number[] };
  await timeRuns(
    3,
    (run) => {
      const [x, y] = docs;
      const toY = timeExchange(x, y);
      const toX = timeExchange(y, x);
      if (run < 0) return;
      plain.b.push(toY);
      plain.a.push(toX);
      plain.both.push(toX + toY);
    },
    {
      warmup: 1,
      before: () => {
        docs = states.map((bytes) => {
          const doc = new Y.Doc();
          Y.applyUpdate(doc, bytes);
          return doc;
        });
      },
    },
  );
  const label = `merge 2×${changes.toLocaleString('en')} offline changes`;
  return {
    offlineCommandMs: making / made,
    conflictsAdded: a.conflicts.length - conflictsBefore,
    converged,
    row: {
      measure: `${label}, each device's own (the slower)`,
      seats: own[slower],
      baseline: median(plain[slower]),
      baselineIs: `the same device's part of the exchange between plain Y.Docs in the same two states: the other's encodeStateAsUpdate against its state vector, applied to it (median of 3); the other device took ${formatValue(own[slower === 'a' ? 'b' : 'a'])}`,
      target: 300,
    },
    bothRow: {
      measure: `${label}, both devices one after the other (syncPair)`,
      seats: both,
      baseline: median(plain.both),
      baselineIs:
        'the same exchange between plain Y.Docs in the same two states: state vectors, encodeStateAsUpdate, applyUpdate both ways (median of 3)',
    },
  };
}

/** Brings `to` up to `from`, as syncPair does for one device. */
function exchange(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'sync');
}

function timeExchange(from: Y.Doc, to: Y.Doc): number {
  const start = performance.now();
  exchange(from, to);
  return performance.now() - start;
}
