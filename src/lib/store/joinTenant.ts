import type { Catalogue } from '../domain/catalogue/catalogue';
import { createDeviceKeys } from '../replica/deviceKeys';
import { unbornTenant, type SeatsDb } from './db';
import { TenantSession, type Clock } from './tenantSession';

/**
 * Makes this browser a new device of an existing tenant: its own keys and an
 * empty op log, filled by the relay or a sync file. Its changes count once its
 * key is enrolled, which binds it to a person: by a Global Administrator
 * (enrolDevice) or by the device itself with an invitation (joinWithInvitation).
 */
export async function joinTenant(
  db: SeatsDb,
  tenantId: string,
  catalogue: Catalogue,
  options: { name?: string; clock?: Clock } = {},
): Promise<TenantSession> {
  const clock = options.clock ?? Date.now;
  if (await db.tenants.get(tenantId)) return TenantSession.open(db, tenantId, catalogue, clock);
  const device = `device-${crypto.randomUUID().slice(0, 8)}`;
  const keys = await createDeviceKeys();
  await db.transaction('rw', db.tenants, db.identities, async () => {
    await db.tenants.add({
      id: tenantId,
      name: options.name || tenantId,
      kind: 'joined',
      person: '',
      base: unbornTenant(),
      openedAt: clock(),
    });
    await db.identities.add({ tenant: tenantId, device, ...keys });
  });
  return TenantSession.open(db, tenantId, catalogue, clock);
}
