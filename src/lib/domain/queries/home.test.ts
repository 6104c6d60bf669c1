import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue';
import { seedTenant } from '../seed';
import { DAY, toDate } from '../time';
import type { Tenant } from '../types';
import { query, type QueryName } from './index';

const NOW = Date.parse('2026-03-02T08:00:00Z');
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

function tenant(): Tenant {
  return seedTenant(
    {
      billingAccountType: 'MOSA',
      start: NOW,
      users: [
        { id: 'ann', usageLocation: 'SE', roles: ['GlobalAdministrator'] },
        { id: 'bo', usageLocation: 'SE' },
        { id: 'cy', usageLocation: 'SE' },
      ],
      subscriptions: [
        { id: 'e3-a', product: 'ENTERPRISEPACK', total: 5 },
        { id: 'e3-b', product: 'ENTERPRISEPACK', total: 2, status: 'Expired' },
        // Annual, not renewing, bought 340 days ago: its term ends in 25 days.
        {
          id: 'e5',
          product: 'SPE_E5',
          total: 3,
          billingFrequency: 'annual',
          recurringBilling: false,
          purchasedAt: NOW - 340 * DAY,
        },
        // Not renewing, but its term ends in 50 days: beyond Home's 30.
        {
          id: 'exo',
          product: 'EXCHANGESTANDARD',
          total: 1,
          billingFrequency: 'annual',
          recurringBilling: false,
          purchasedAt: NOW - 315 * DAY,
        },
        { id: 'gone', product: 'SPB', total: 1, status: 'Disabled', purchasedAt: NOW - 400 * DAY },
      ],
      assignments: [
        { user: 'bo', subscription: 'e3-a' },
        { user: 'cy', subscription: 'e3-b' },
      ],
    },
    catalogue,
  );
}

const ask = <N extends QueryName>(t: Tenant, name: N, args: unknown = {}, now = NOW) =>
  query(t, name, args, { now, author: null, catalogue });

describe('productLicenses (LIC-3)', () => {
  it('counts every product the tenant has, by name, with its subscriptions together', () => {
    const answer = ask(tenant(), 'productLicenses');
    expect(answer).toMatchObject({
      ok: true,
      value: [
        { product: 'EXCHANGESTANDARD', valid: 1, expired: 0, assigned: 0, available: 1 },
        { product: 'SPB', valid: 0, expired: 1, assigned: 0, available: 0 },
        { product: 'SPE_E5', valid: 3, expired: 0, assigned: 0, available: 3 },
        { product: 'ENTERPRISEPACK', valid: 5, expired: 2, assigned: 2, available: 3 },
      ].sort((a, b) =>
        catalogue
          .product(a.product)!
          .displayName.localeCompare(catalogue.product(b.product)!.displayName),
      ),
    });
  });

  it('leaves out products whose only subscriptions are gone', () => {
    const answer = ask(tenant(), 'productLicenses', {}, NOW + 200 * DAY);
    expect(answer.ok && answer.value.map((p) => p.product)).not.toContain('SPB');
  });
});

describe('expiringSubscriptions (LIC-6)', () => {
  it('lists terms ending within 30 days, and expired subscriptions with the day access ends', () => {
    expect(ask(tenant(), 'expiringSubscriptions')).toEqual({
      ok: true,
      value: [
        {
          subscription: 'e5',
          product: 'SPE_E5',
          productName: catalogue.product('SPE_E5')!.displayName,
          status: 'Active',
          on: toDate(NOW + 25 * DAY),
        },
        {
          subscription: 'e3-b',
          product: 'ENTERPRISEPACK',
          productName: catalogue.product('ENTERPRISEPACK')!.displayName,
          status: 'Expired',
          on: toDate(NOW + 30 * DAY),
        },
      ],
    });
  });

  it('looks further ahead when asked', () => {
    const answer = ask(tenant(), 'expiringSubscriptions', { days: 60 });
    expect(answer.ok && answer.value.map((s) => s.subscription)).toEqual(['e5', 'e3-b', 'exo']);
  });

  it('refuses a horizon that is not a number', () => {
    expect(ask(tenant(), 'expiringSubscriptions', { days: 'soon' })).toMatchObject({
      ok: false,
      refusal: { code: 'INVALID_INPUT' },
    });
  });
});

describe('violations and overAssignedLicenses', () => {
  it('are empty for a tenant the engine produced', () => {
    expect(ask(tenant(), 'violations')).toEqual({ ok: true, value: [] });
    expect(ask(tenant(), 'overAssignedLicenses')).toEqual({ ok: true, value: [] });
  });

  it('name each broken rule of imported data; more assigned than bought is its own list (LIC-2, ASG-6)', () => {
    const t = tenant();
    t.subscriptions['e3-a'].total = 0;
    expect(ask(t, 'violations')).toEqual({ ok: true, value: ['LIC-1: e3-a has 0 licenses'] });
    expect(ask(t, 'overAssignedLicenses')).toEqual({
      ok: true,
      value: [
        {
          subscription: 'e3-a',
          product: 'ENTERPRISEPACK',
          productName: 'Office 365 E3',
          assigned: 1,
          total: 0,
        },
      ],
    });
  });

  it('leave out an expired subscription: its licenses are not valid anyway', () => {
    const t = tenant();
    t.subscriptions['e3-b'].total = 0;
    const answer = ask(t, 'overAssignedLicenses');
    expect(answer.ok && answer.value).toEqual([]);
  });
});
