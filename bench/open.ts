/**
 * Opens a device's replica the way the app starts (store/tenantSession.ts):
 * the op log's Yjs bytes into a fresh Y.Doc, a Replica on it, the stored
 * snapshot restored when there is one, then a refresh for anything newer.
 */
import * as Y from 'yjs';
import type { Catalogue } from '../src/lib/domain/catalogue/catalogue';
import type { Tenant } from '../src/lib/domain/types';
import type { DeviceKeys } from '../src/lib/replica/deviceKeys';
import { OpCipher } from '../src/lib/replica/opCipher';
import { Replica, type ReplicaOptions } from '../src/lib/replica/replica';
import type { TenantKey } from '../src/lib/replica/sealing';
import type { Snapshot } from '../src/lib/replica/snapshot';

export interface Device {
  device: string;
  keys: DeviceKeys;
  base: Tenant;
  catalogue: Catalogue;
  /** The tenant key every op is sealed with, as in the app (replica/opCipher.ts). */
  tenantKey: TenantKey;
}

/** A device's replica options: the app's, sealing included. */
export function replicaOptions(
  { device, keys, base, catalogue, tenantKey }: Device,
  doc?: Y.Doc,
): ReplicaOptions {
  return {
    device,
    keys,
    base,
    catalogue,
    sealing: new OpCipher([tenantKey]),
    ...(doc ? { doc } : {}),
  };
}

export async function openReplica(
  device: Device,
  bytes: Uint8Array,
  snapshot: Snapshot | null,
  now: number,
): Promise<Replica> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, bytes);
  const replica = new Replica(replicaOptions(device, doc));
  if (snapshot && !(await replica.restore(snapshot))) {
    throw new Error(`the snapshot of ${device.device} does not match its op log`);
  }
  await replica.refresh(now);
  return replica;
}

/** One-way delivery (what the relay or a sync file does): what `to` lacks of `from`'s log. */
export async function deliver(from: Replica, to: Replica, now: number): Promise<void> {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'sync');
  await to.refresh(now);
}
