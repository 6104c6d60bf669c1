import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../domain/catalogue/catalogue';
import { openDb } from './db';
import { TenantSession } from './tenantSession';

const catalogue = await loadCatalogue();
let clockValue = Date.UTC(2026, 2, 2, 9);
const clock = () => (clockValue += 1000);

async function newTenant(dbName: string) {
  const db = openDb(dbName);
  const { session, outcome } = await TenantSession.create(
    db,
    {
      name: 'Contoso',
      billingAccountType: 'MOSA',
      creator: { id: 'ann', displayName: 'Ann Berg', usageLocation: 'SE' },
    },
    catalogue,
    clock,
  );
  expect(outcome.ok).toBe(true);
  return { db, session };
}

const waitFor = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

describe('an open tenant in the browser', () => {
  it('creates a tenant whose creator is Global Administrator and keeps changes across a reload (ROLE-4, SYNC-1)', async () => {
    const { db, session } = await newTenant('t1');
    expect(session.tenant.users['ann']?.roles).toEqual(['GlobalAdministrator']);
    const bought = await session.execute(
      {
        type: 'buySubscription',
        payload: { id: 'e3', product: 'ENTERPRISEPACK', total: 5, billingFrequency: 'monthly' },
      },
      'ann',
    );
    expect(bought.ok).toBe(true);
    const before = session.replica.derivedState();
    await session.close();

    const reopened = await TenantSession.open(db, session.tenantId, catalogue, clock);
    expect(reopened.restored).toBe(true);
    expect(reopened.replica.derivedState()).toBe(before);
    await reopened.close();
  });

  it('rebuilds from the op log when the stored snapshot disagrees with it', async () => {
    const { db, session } = await newTenant('t2');
    await session.save();
    await session.execute(
      { type: 'assignRole', payload: { user: 'ann', role: 'LicenseAdministrator' } },
      'ann',
    );
    const expected = session.replica.derivedState();
    // Simulate a crash after the op was stored but before the snapshot was.
    const stale = await db.snapshots.get(session.tenantId);
    await session.close();
    await db.snapshots.put(stale!);

    const reopened = await TenantSession.open(db, session.tenantId, catalogue, clock);
    expect(reopened.restored).toBe(false);
    expect(reopened.replica.derivedState()).toBe(expected);
    await reopened.close();
  });

  it('shows a change made in one tab in another tab of the same browser', async () => {
    const { db, session: first } = await newTenant('t3');
    const second = await TenantSession.open(db, first.tenantId, catalogue, clock);
    let notified = 0;
    second.subscribe(() => notified++);
    await first.execute(
      { type: 'assignRole', payload: { user: 'ann', role: 'BillingAdministrator' } },
      'ann',
    );
    await waitFor(
      () => second.tenant.users['ann']?.roles.includes('BillingAdministrator') ?? false,
      'the other tab',
    );
    expect(notified).toBeGreaterThan(0);
    expect(second.replica.derivedState()).toBe(first.replica.derivedState());
    await first.close();
    await second.close();
  });
});
