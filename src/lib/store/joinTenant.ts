import type { Catalogue } from '../domain/catalogue/catalogue';
import { createDeviceKeys } from '../replica/deviceKeys';
import { createWrapKeys } from '../replica/keyShares';
import type { TenantKey } from '../replica/sealing';
import { unbornTenant, type SeatsDb } from './db';
import { TenantSession, type Clock } from './tenantSession';

/**
 * Makes this browser a new device of an existing tenant: its own keys and an
 * empty op log, filled by the relay or a sync file; the tenant keys come with
 * an invitation, or are handed to it in the log once an admin enrols it. Its
 * changes count once its key is enrolled, which binds it to a person: by a
 * Global Administrator (enrolDevice) or by the device itself with an
 * invitation (joinWithInvitation).
 */
export async function joinTenant(
  db: SeatsDb,
  tenantId: string,
  catalogue: Catalogue,
  options: { name?: string; clock?: Clock; tenantKeys?: TenantKey[] } = {},
): Promise<TenantSession> {
  const clock = options.clock ?? Date.now;
  if (await db.tenants.get(tenantId)) {
    if (options.tenantKeys) await keepKeys(db, tenantId, options.tenantKeys);
    return TenantSession.open(db, tenantId, catalogue, clock);
  }
  const device = `device-${crypto.randomUUID().slice(0, 8)}`;
  const [keys, wrap] = await Promise.all([createDeviceKeys(), createWrapKeys()]);
  await db.transaction('rw', db.tenants, db.identities, async () => {
    await db.tenants.add({
      id: tenantId,
      name: options.name || tenantId,
      kind: 'joined',
      person: '',
      base: unbornTenant(),
      openedAt: clock(),
    });
    await db.identities.add({
      tenant: tenantId,
      device,
      ...keys,
      wrap,
      ...(options.tenantKeys ? { tenantKeys: options.tenantKeys } : {}),
    });
  });
  return TenantSession.open(db, tenantId, catalogue, clock);
}

/** Adds keys an invitation brought to those this device holds for the tenant. */
async function keepKeys(db: SeatsDb, tenantId: string, keys: TenantKey[]): Promise<void> {
  await db.transaction('rw', db.identities, async () => {
    const identity = await db.identities.get(tenantId);
    if (!identity) return;
    const held = new Map((identity.tenantKeys ?? []).map((k) => [k.epoch, k]));
    for (const key of keys) if (!held.has(key.epoch)) held.set(key.epoch, key);
    await db.identities.update(tenantId, { tenantKeys: [...held.values()] });
  });
}
