/**
 * 3. Merge: two devices that hold the whole log each make 2,000 changes
 * offline (clocks interleaved), then what syncPair does: both exchange and
 * replay, one after the other on this one thread. Each device's own part
 * (its refresh: open, check and replay what arrived) is noted too, since on
 * two machines each does only its own.
 * Baseline: the same Yjs exchange (state vectors, encodeStateAsUpdate,
 * applyUpdate both ways) between plain documents in the same two states.
 */
import * as Y from 'yjs';
import type { Replica } from '../../src/lib/replica/replica';
import type { CommandPicker, Authors } from '../commands';
import type { Row } from '../table';
import { collect, median, timeOnce, timeRuns } from '../timing';

export interface Worker {
  replica: Replica;
  picker: CommandPicker;
  authors: Authors;
}

export interface MergeResult {
  row: Row;
  /** Mean time of one offline command while making the changes. */
  offlineCommandMs: number;
  /** Each device's refresh: taking in and replaying what the other sent. */
  perDeviceMs: [number, number];
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
  const perDeviceMs: [number, number] = [0, 0];
  // syncPair (scenario/devices.ts), with each device's refresh timed.
  const seats = await timeOnce(async () => {
    const toB = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
    const toA = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
    Y.applyUpdate(b.doc, toB, 'sync');
    Y.applyUpdate(a.doc, toA, 'sync');
    perDeviceMs[0] = await timeOnce(() => a.refresh(now));
    perDeviceMs[1] = await timeOnce(() => b.refresh(now));
  });
  const converged = a.derivedState() === b.derivedState();

  let docs: Y.Doc[] = [];
  const baseline = await timeRuns(
    3,
    () => {
      const [x, y] = docs;
      const toY = Y.encodeStateAsUpdate(x, Y.encodeStateVector(y));
      const toX = Y.encodeStateAsUpdate(y, Y.encodeStateVector(x));
      Y.applyUpdate(y, toY, 'sync');
      Y.applyUpdate(x, toX, 'sync');
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
  return {
    offlineCommandMs: making / made,
    perDeviceMs,
    conflictsAdded: a.conflicts.length - conflictsBefore,
    converged,
    row: {
      measure: `merge 2×${changes.toLocaleString('en')} offline changes (syncPair)`,
      seats,
      baseline: median(baseline),
      baselineIs:
        'the same exchange between plain Y.Docs in the same two states: state vectors, encodeStateAsUpdate, applyUpdate both ways (median of 3)',
      target: 300,
    },
  };
}
