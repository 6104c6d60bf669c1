import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from './catalogue/catalogue';
import { DEMO_CREATOR, DEMO_NAME, demoImport } from './demo';
import { execute } from './engine';
import { violations } from './invariants';
import { lifecycle } from './lifecycle';
import { query } from './queries';
import { DAY } from './time';
import { BILLING_ACCOUNT_TYPES, CHANNELS, emptyTenant, type Tenant } from './types';

const NOW = Date.parse('2026-11-22T09:00:00Z');
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

function openDemo(type: 'MCA' | 'MOSA'): Tenant {
  const tenant = emptyTenant(type);
  const ctx = { now: NOW, catalogue };
  const created = execute(
    tenant,
    {
      type: 'createTenant',
      payload: { name: DEMO_NAME, billingAccountType: type, creator: DEMO_CREATOR },
    },
    { ...ctx, author: null },
  );
  expect(created).toEqual({ ok: true });
  const imported = execute(
    tenant,
    { type: 'importTenant', payload: demoImport(type, NOW) },
    { ...ctx, author: DEMO_CREATOR.id },
  );
  expect(imported).toEqual({ ok: true });
  return tenant;
}

describe.each(BILLING_ACCOUNT_TYPES)('the %s demo tenant', (type) => {
  it('keeps every rule', () => {
    expect(violations(openDemo(type), NOW)).toEqual([]);
  });

  it('shows every purchase channel and subscription state', () => {
    const subscriptions = Object.values(openDemo(type).subscriptions);
    expect(new Set(subscriptions.map((s) => s.channel))).toEqual(new Set(CHANNELS));
    expect(new Set(subscriptions.map((s) => lifecycle(s, NOW)))).toEqual(
      new Set(['Active', 'Trial', 'Expired', 'Disabled']),
    );
    expect(subscriptions.some((s) => s.creditCheck === 'pending')).toBe(true);
    expect(subscriptions.some((s) => s.endOfSale)).toBe(true);
  });

  it('has about 60 people, unlicensed ones, a shared mailbox and one recently deleted', () => {
    const tenant = openDemo(type);
    const users = Object.values(tenant.users);
    expect(users.length).toBeGreaterThanOrEqual(55);
    expect(users.some((u) => u.kind === 'sharedMailbox')).toBe(true);
    const deleted = users.filter((u) => u.deletedAt !== null);
    expect(deleted).toHaveLength(1);
    expect(NOW - deleted[0].deletedAt!).toBeLessThan(30 * DAY);
    const unlicensed = query(
      tenant,
      'unlicensedUsers',
      {},
      { now: NOW, author: 'megan', catalogue },
    );
    expect(unlicensed.ok && (unlicensed.value as unknown[]).length).toBeGreaterThan(3);
  });

  it('has an admin in every role its billing account type allows', () => {
    const roles = new Set(Object.values(openDemo(type).users).flatMap((u) => u.roles));
    expect(roles.has('GlobalAdministrator')).toBe(true);
    expect(roles.has('LicenseAdministrator')).toBe(true);
    expect(roles.has('BillingProfileContributor')).toBe(type === 'MCA');
  });
});

it('is the same on every device that opens it at the same time', () => {
  expect(JSON.stringify(demoImport('MCA', NOW))).toBe(JSON.stringify(demoImport('MCA', NOW)));
});

it('refuses to be imported twice, and changes nothing', () => {
  const tenant = openDemo('MCA');
  const before = JSON.stringify(tenant);
  const again = execute(
    tenant,
    { type: 'importTenant', payload: demoImport('MCA', NOW) },
    { now: NOW, author: DEMO_CREATOR.id, catalogue },
  );
  expect(again.ok).toBe(false);
  expect(JSON.stringify(tenant)).toBe(before);
});
