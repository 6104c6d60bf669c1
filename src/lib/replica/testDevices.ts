import { loadCatalogue } from '../domain/catalogue/catalogue';
import { seedTenant, type Given } from '../domain/seed';
import { createDevices } from '../scenario/devices';

/** Replicas for tests: a small MOSA tenant on the given devices. */
export async function testDevices(names: string[], given: Partial<Given> = {}) {
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
  const devices = await createDevices(names, base, catalogue, start);
  // Before any op, a replica's tenant is its base: the given tenant with every device enrolled.
  const enrolled = structuredClone(devices.get(names[0])!.tenant);
  return { devices, catalogue, start, base: enrolled };
}
