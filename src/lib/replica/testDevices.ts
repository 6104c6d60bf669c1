import * as Y from 'yjs';
import { loadCatalogue } from '../domain/catalogue/catalogue';
import { seedTenant, type Given } from '../domain/seed';
import { createDeviceKeys } from './deviceKeys';
import { Replica } from './replica';

/**
 * Replicas for tests: a small MOSA tenant on the given devices, each enrolled
 * (as scenario/devices.ts does: shared, unless `people` binds it to a person),
 * and a way to restart one.
 */
export async function testDevices(
  names: string[],
  given: Partial<Given> = {},
  people: Record<string, string> = {},
) {
  const catalogue = await loadCatalogue();
  const start = Date.UTC(2026, 2, 2, 8);
  const base = seedTenant(
    {
      billingAccountType: 'MOSA',
      start,
      users: [
        { id: 'ann', usageLocation: 'SE', roles: ['GlobalAdministrator'] },
        { id: 'bo', usageLocation: 'DK', roles: ['BillingAdministrator'] },
        { id: 'cy', usageLocation: 'SE', roles: ['LicenseAdministrator'] },
        { id: 'di', usageLocation: 'DK' },
        { id: 'ed', usageLocation: 'SE' },
      ],
      subscriptions: [
        { id: 'e3', product: 'ENTERPRISEPACK', total: 3, purchasedAt: start - 20 * 86_400_000 },
      ],
      ...given,
    },
    catalogue,
  );
  const keys = await Promise.all(names.map(() => createDeviceKeys()));
  const enrolled = structuredClone(base);
  names.forEach((id, i) => {
    enrolled.devices[id] = {
      id,
      publicKey: keys[i].publicJwk,
      person: people[id] ?? null,
      enrolledAt: start,
    };
  });
  const open = (device: string, doc?: Y.Doc) =>
    new Replica({ device, keys: keys[names.indexOf(device)], base: enrolled, catalogue, doc });
  const devices = new Map(names.map((device) => [device, open(device)]));
  /** The device's replica as a restart makes it: its log, and its snapshot restored. */
  const restart = async (replica: Replica): Promise<Replica> => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica.doc));
    const reopened = open(replica.device, doc);
    if (!(await reopened.restore(structuredClone(await replica.snapshot())))) {
      throw new Error(`${replica.device} did not restore its own snapshot`);
    }
    return reopened;
  };
  /** A device's keys, for tests that sign ops by hand as a peer could. */
  const keysOf = (device: string) => keys[names.indexOf(device)];
  return { devices, catalogue, start, base: structuredClone(enrolled), restart, keysOf };
}
