import { describe, expect, it, vi } from 'vitest';
import { emptyTenant, type Tenant } from '$lib/domain/types';
import { buildUserIndex, filterUsers, userIndexCache } from './userIndex';

const SIZE = 10_000;
const FIRST = ['Åsa', 'Søren', 'Ingrid', 'Mikkel', 'Linnea', 'Freja', 'Oskar', 'Mette'];
const LAST = ['Lindqvist', 'Østergaard', 'Berg', 'Nielsen', 'Sjöberg', 'Holm', 'Lund'];
const productName = (product: string) => (product === 'E3' ? 'Office 365 E3' : 'Visio Plan 2');

/** 10,000 people; every third holds E3, every fifth Visio; every hundredth is deleted. */
function bigTenant(): Tenant {
  const tenant = emptyTenant('MOSA');
  for (let i = 0; i < SIZE; i++) {
    const id = `user${i}`;
    tenant.users[id] = {
      id,
      displayName: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]} ${i}`,
      usageLocation: i % 2 ? 'SE' : 'DK',
      kind: 'person',
      mailboxSizeGB: 0,
      department: i % 2 ? 'Sales' : null,
      roles: [],
      deletedAt: i % 100 === 99 ? 1 : null,
    };
  }
  for (const [sub, product, every] of [
    ['e3', 'E3', 3],
    ['visio', 'VISIO', 5],
  ] as const) {
    tenant.subscriptions[sub] = { product } as Tenant['subscriptions'][string];
    tenant.assignments[sub] = {};
    for (let i = 0; i < SIZE; i += every) {
      tenant.assignments[sub][`user${i}`] = {
        user: `user${i}`,
        subscription: sub,
        disabledPlans: [],
        assignedAt: 0,
      };
    }
  }
  return tenant;
}

describe('the Active users index at 10,000 users', () => {
  const tenant = bigTenant();
  const index = buildUserIndex(tenant, productName, 'sv');

  it('holds every active user once, sorted by display name', () => {
    expect(index.rows).toHaveLength(SIZE - SIZE / 100);
    expect(new Set(index.rows.map((r) => r.id)).size).toBe(index.rows.length);
    expect(index.rows.some((r) => r.id === 'user99')).toBe(false);
    const collator = new Intl.Collator('sv');
    for (let i = 1; i < index.rows.length; i++) {
      const order = collator.compare(index.rows[i - 1].displayName, index.rows[i].displayName);
      if (order > 0) throw new Error(`rows ${i - 1} and ${i} are out of order`);
    }
  });

  it("lists each user's products", () => {
    const byId = new Map(index.rows.map((r) => [r.id, r]));
    expect(byId.get('user0')?.products).toEqual(['Office 365 E3', 'Visio Plan 2']);
    expect(byId.get('user3')?.products).toEqual(['Office 365 E3']);
    expect(byId.get('user1')?.products).toEqual([]);
  });

  it('finds users by any part of the name or user name, ignoring case', () => {
    const found = filterUsers(index, '  ÅSA lindqvist 1 ');
    expect(found.length).toBeGreaterThan(0);
    for (const row of found) expect(row.displayName.toLowerCase()).toContain('åsa lindqvist 1');
    const brute = index.rows.filter((r) => r.displayName.toLowerCase().includes('åsa lindqvist 1'));
    expect(found).toEqual(brute);
    expect(filterUsers(index, 'user4242').map((r) => r.id)).toEqual(['user4242']);
    expect(filterUsers(index, 'nobody by that name')).toEqual([]);
    expect(filterUsers(index, '')).toBe(index.rows);
  });

  it('narrows to a set of ids (the Unlicensed users view), search included', () => {
    const only = new Set(['user1', 'user2', 'user7', 'user99']);
    expect(
      filterUsers(index, '', only)
        .map((r) => r.id)
        .sort(),
    ).toEqual(['user1', 'user2', 'user7']);
    expect(filterUsers(index, 'user7', only).map((r) => r.id)).toEqual(['user7']);
  });

  it('is built once per tenant version, however many keystrokes', () => {
    const build = vi.fn(buildUserIndex);
    const indexFor = userIndexCache(build);
    for (const search of ['å', 'ås', 'åsa', 'åsa ', 'åsa l']) {
      filterUsers(indexFor(tenant, 7, productName, 'sv'), search);
    }
    expect(build).toHaveBeenCalledTimes(1);
    indexFor(tenant, 8, productName, 'sv');
    indexFor(tenant, 8, productName, 'sv');
    expect(build).toHaveBeenCalledTimes(2);
    indexFor(tenant, 8, productName, 'da');
    expect(build).toHaveBeenCalledTimes(3);
  });
});
