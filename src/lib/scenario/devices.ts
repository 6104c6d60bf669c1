import * as Y from 'yjs';
import type { Catalogue } from '../domain/catalogue/catalogue';
import type { Tenant } from '../domain/types';
import { createDeviceKeys } from '../replica/deviceKeys';
import { Replica } from '../replica/replica';

/**
 * A scenario's devices: one real replica each (own Y.Doc, own key pair),
 * all starting from the same given tenant, in which every device is enrolled.
 */
export async function createDevices(
  names: string[],
  given: Tenant,
  catalogue: Catalogue,
  start: number,
): Promise<Map<string, Replica>> {
  const keys = await Promise.all(names.map(() => createDeviceKeys()));
  const base = structuredClone(given);
  names.forEach((id, i) => {
    base.devices[id] = { id, publicKey: keys[i].publicJwk, person: null, enrolledAt: start };
  });
  return new Map(
    names.map((device, i) => [device, new Replica({ device, keys: keys[i], base, catalogue })]),
  );
}

/** Exchanges, both ways, what each document lacks, as Yjs state vectors tell. */
export async function syncPair(a: Replica, b: Replica, now: number): Promise<void> {
  const toB = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc));
  const toA = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc));
  Y.applyUpdate(b.doc, toB, 'sync');
  Y.applyUpdate(a.doc, toA, 'sync');
  await a.refresh(now);
  await b.refresh(now);
}
