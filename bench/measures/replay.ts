/**
 * 2. Replay: a replica opened on the whole log with no snapshot (first start
 * after a sync, or a snapshot that no longer matches): every signature
 * checked, all ops replayed. Baseline: Yjs apply + iterating the op map.
 * And a late op: one that lands 1,000 ops before the end, so replay takes
 * back the ops after it, applies it, and replays them; on a replica started
 * from the snapshot, which has nothing to take back, it goes back to the
 * checkpoint stored with the snapshot instead. Baseline: the same ops through
 * the engine's `execute` alone, from the same state.
 */
import * as Y from 'yjs';
import type { Catalogue } from '../../src/lib/domain/catalogue/catalogue';
import { execute, type Command } from '../../src/lib/domain/engine';
import type { Tenant } from '../../src/lib/domain/types';
import { parseHlc } from '../../src/lib/replica/hlc';
import { compareOps, type Op } from '../../src/lib/replica/op';
import { Replica } from '../../src/lib/replica/replica';
import { openReplica, replicaOptions, type Device } from '../open';
import type { Row } from '../table';
import { median, timeOnce, timeRuns } from '../timing';

/** A Yjs document holding just these op texts, encoded as IndexedDB would keep it. */
export function logBytes(texts: Map<string, string>): Uint8Array {
  const doc = new Y.Doc();
  const map = doc.getMap<string>('ops');
  doc.transact(() => {
    for (const [id, text] of texts) map.set(id, text);
  });
  return Y.encodeStateAsUpdate(doc);
}

export async function measureReplay(
  device: Device,
  bytes: Uint8Array,
  warmBytes: Uint8Array,
  now: number,
  subscription: string,
): Promise<{ row: Row; replica: Replica }> {
  const open = async (from: Uint8Array) => {
    const replica = await openReplica(device, from, null, now);
    const answer = replica.query('licenses', { subscription }, now);
    if (!answer.ok) throw new Error(`query failed after replay: ${answer.refusal.message}`);
    return replica;
  };
  await open(warmBytes);
  let replica: Replica | null = null;
  const seats = await timeOnce(async () => {
    replica = await open(bytes);
  });
  const baseline = await timeRuns(
    3,
    () => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, bytes);
      let length = 0;
      for (const [, text] of doc.getMap<string>('ops').entries()) length += text.length;
      return length;
    },
    { warmup: 1 },
  );
  return {
    replica: replica!,
    row: {
      measure: `replay from scratch (${replica!.opCount.toLocaleString('en')} ops)`,
      seats,
      baseline: median(baseline),
      baselineIs:
        'Y.applyUpdate of the same bytes + iterating the op map (median of 3); Seats also checks every signature',
      target: 1000,
      targetLabel: '< 1 s (cold, no snapshot)',
    },
  };
}

/** A signed op from a device that was offline all along, clocked at `at`. */
export async function lateOp(
  tablet: Device,
  command: Command,
  author: string,
  at: number,
): Promise<{ op: Op; update: Uint8Array }> {
  const replica = new Replica(replicaOptions(tablet));
  const outcome = await replica.execute(command, author, at);
  if (!outcome.ok || !outcome.op) throw new Error(`the late op was refused on the tablet`);
  return { op: outcome.op, update: Y.encodeStateAsUpdate(replica.doc) };
}

export interface LateOpInput {
  replica: Replica;
  tablet: Device;
  command: Command;
  author: string;
  /** The log in replay order. */
  ops: Op[];
  /** Where the late op lands. */
  position: number;
  /** Where the replica takes the replay up again (at or before `position`), and the state there. */
  from: { index: number; tenant: Tenant };
  catalogue: Catalogue;
  now: number;
  /** What the replica is, for the table. */
  label: string;
}

/** Runs ops through the engine alone. */
export function runOps(tenant: Tenant, ops: readonly Op[], catalogue: Catalogue): Tenant {
  for (const o of ops) {
    execute(
      tenant,
      { type: o.type, payload: o.payload },
      { now: parseHlc(o.hlc)!.millis, author: o.author, catalogue },
    );
  }
  return tenant;
}

export async function measureLateOp(input: LateOpInput): Promise<Row> {
  const { replica, ops, position, from, catalogue } = input;
  const at = parseHlc(ops[position - 1].hlc)!.millis + 1;
  const { op, update } = await lateOp(input.tablet, input.command, input.author, at);
  if (compareOps(ops[position - 1], op) >= 0 || compareOps(op, ops[position]) >= 0) {
    throw new Error('the late op does not land where intended');
  }
  const before = replica.opCount;
  const seats = await timeOnce(async () => {
    Y.applyUpdate(replica.doc, update, 'sync');
    await replica.refresh(input.now);
  });
  if (replica.opCount !== before + 1) throw new Error('the late op was not taken in');
  const replayed = [...ops.slice(from.index, position), op, ...ops.slice(position)];
  runOps(structuredClone(from.tenant), replayed, catalogue);
  const fresh = structuredClone(from.tenant);
  const baseline = await timeOnce(() => runOps(fresh, replayed, catalogue));
  return {
    measure: `late op, ${input.label} (${replayed.length.toLocaleString('en')} replayed)`,
    seats,
    baseline,
    baselineIs: `the same ${replayed.length.toLocaleString('en')} ops through the engine's execute alone, from the state the replay takes up again at (no signatures, no undo)`,
    targetLabel: '—',
  };
}
