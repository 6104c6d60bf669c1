import * as Y from 'yjs';
import type { PublicKeyJwk, Tenant } from '../domain/types';
import type { Checkpoint } from './checkpoints';
import type { Conflict } from './conflict';
import { sha256 } from './deviceKeys';
import type { RevocationsState } from './revocations';
import type { Voucher } from './vouching';

/**
 * The replayed state as stored beside the op log, with what identifies the
 * ops it reflects, so a start can trust it only if the log still agrees; and
 * what a start needs to know of those ops, so it need not read them all.
 */
export interface Snapshot {
  version: 2;
  opCount: number;
  /** The ops in replay order, a line each: id, a tab, device (`orderOf`). */
  order: string;
  /** sha256 of the op ids in replay order. */
  digest: string;
  /** The op log's Yjs state vector (base64): the same on start means no op was added or altered. */
  stateVector: string;
  /**
   * The tenant and the conflicts as JSON text: a copy taken at once, and one
   * string is much cheaper for IndexedDB to store and read than the objects.
   */
  state: string;
  /** An earlier state, for a late op to rewind to (checkpoints.ts). */
  checkpoint?: Checkpoint;
  /** The key fingerprint each device's ops verified against. */
  deviceKeys: Record<string, string>;
  /** Ops whose signature no key accepted. */
  unverified: string[];
  /** Each device's latest op (by seq): what the next op names as seen. */
  heads: Record<string, string>;
  /** The keys ops in the log offer each device (enrolments): candidates for checking new ops. */
  offeredKeys: Record<string, PublicKeyJwk[]>;
  /** Ops named in `prev` not yet in the log, and who named them (vouching.ts). */
  awaited?: Record<string, Omit<Voucher, 'key'>[]>;
  /** The revocations the replay held and dropped (revocations.ts). */
  revocations?: RevocationsState;
}

export interface SnapshotState {
  tenant: Tenant;
  conflicts: Conflict[];
}

export function digestOf(opIds: readonly string[]): Promise<string> {
  return sha256(opIds.join('\n'));
}

export function orderOf(ops: readonly { id: string; device: string }[]): string {
  return ops.map(({ id, device }) => `${id}\t${device}`).join('\n');
}

/** The ops of `orderOf`, or null when it doesn't read as written. */
export function readOrder(order: string, count: number): { id: string; device: string }[] | null {
  if (count === 0) return order === '' ? [] : null;
  const lines = order.split('\n');
  if (lines.length !== count) return null;
  const ops: { id: string; device: string }[] = [];
  for (const line of lines) {
    const tab = line.indexOf('\t');
    if (tab < 0) return null;
    ops.push({ id: line.slice(0, tab), device: line.slice(tab + 1) });
  }
  return ops;
}

export function stateVectorOf(doc: Y.Doc): string {
  let binary = '';
  for (const byte of Y.encodeStateVector(doc)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
