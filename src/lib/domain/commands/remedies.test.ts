import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue';
import { execute, type Outcome } from '../engine';
import type { Refusal } from '../refusal';
import { seedTenant, type Given } from '../seed';
import type { Tenant } from '../types';

const NOW = Date.parse('2026-03-01T09:00:00Z');
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

function tenant(given: Partial<Given>): Tenant {
  return seedTenant(
    {
      billingAccountType: 'MOSA',
      start: NOW,
      users: [
        {
          id: 'owen',
          usageLocation: 'SE',
          roles: ['GlobalAdministrator', 'BillingAccountOwner'],
        },
        ...Array.from({ length: 21 }, (_, i) => ({ id: `u${i}`, usageLocation: 'SE' })),
      ],
      ...given,
    },
    catalogue,
  );
}

function refusal(t: Tenant, type: string, payload: unknown): Refusal {
  const outcome: Outcome = execute(t, { type, payload }, { now: NOW, author: 'owen', catalogue });
  if (outcome.ok) throw new Error(`${type} was accepted`);
  return outcome.refusal;
}

const users = Array.from({ length: 21 }, (_, i) => `u${i}`);

describe('remedies that can be followed', () => {
  it('SUBSCRIPTION_NOT_ACTIVE on an expired subscription says to buy a new one (LIC-6)', () => {
    const t = tenant({ subscriptions: [{ id: 'e3', status: 'Expired' }] });
    const assign = refusal(t, 'assignLicenses', { subscription: 'e3', users: ['u0'] });
    expect(assign.code).toBe('SUBSCRIPTION_NOT_ACTIVE');
    expect(assign.remedy).toBe(
      "An expired subscription can't be reactivated: buy a new subscription.",
    );
    expect(assign.params).toMatchObject({ status: 'Expired', remedyCase: 'buyNew' });
    const billing = refusal(t, 'setRecurringBilling', { subscription: 'e3', on: true });
    expect(billing.code).toBe('SUBSCRIPTION_NOT_ACTIVE');
    expect(billing.params).toMatchObject({ remedyCase: 'buyNew' });
  });

  it('SUBSCRIPTION_NOT_ACTIVE on an expired prepaid subscription says to redeem a key (KEY-2)', () => {
    const t = tenant({
      subscriptions: [
        { id: 'exo', product: 'EXCHANGESTANDARD', channel: 'Prepaid', status: 'Disabled' },
      ],
    });
    const assign = refusal(t, 'assignLicenses', { subscription: 'exo', users: ['u0'] });
    expect(assign.remedy).toBe('Redeem a product key to renew the subscription.');
    expect(assign.params).toMatchObject({ remedyCase: 'redeemKey' });
  });

  it('REMOVAL_WINDOW_CLOSED with recurring billing off says to turn it on first (MCA-2, MCA-3)', () => {
    const given = (recurringBilling: boolean): Partial<Given> => ({
      billingAccountType: 'MCA',
      subscriptions: [
        { id: 'e3', total: 20, purchasedAt: Date.parse('2026-02-10T00:00:00Z'), recurringBilling },
      ],
    });
    const off = refusal(tenant(given(false)), 'setTotalLicenses', {
      subscription: 'e3',
      total: 15,
    });
    expect(off.code).toBe('REMOVAL_WINDOW_CLOSED');
    expect(off.remedy).toMatch(
      /^Turn recurring billing on, then schedule the reduction for renewal/,
    );
    expect(off.params).toMatchObject({ remedyCase: 'turnOnRecurringBilling' });
    const on = refusal(tenant(given(true)), 'setTotalLicenses', { subscription: 'e3', total: 15 });
    expect(on.remedy).toMatch(
      /^Instead, schedule the reduction for renewal: it takes effect on 2026-03-10/,
    );
    expect(on.params).toMatchObject({ remedyCase: 'schedule' });
  });

  it('RESELLER and PREPAID outside buying and removing name their own case, not the LIC-5 one (BILL-5)', () => {
    const t = tenant({
      subscriptions: [
        { id: 'bp', product: 'SPB', channel: 'Reseller', total: 5 },
        { id: 'ems', product: 'EMS', channel: 'Prepaid', total: 5 },
      ],
    });
    const buy = refusal(t, 'setTotalLicenses', { subscription: 'bp', total: 6 });
    expect(buy.code).toBe('RESELLER');
    expect(buy.params).not.toHaveProperty('remedyCase');
    const cancel = refusal(t, 'cancelSubscription', { subscription: 'bp', reason: 'other' });
    expect(cancel.code).toBe('RESELLER');
    expect(cancel.params).toMatchObject({ remedyCase: 'managed' });
    const billing = refusal(t, 'setRecurringBilling', { subscription: 'ems', on: false });
    expect(billing.code).toBe('PREPAID');
    expect(billing.params).toMatchObject({ remedyCase: 'renewsWithKey' });
  });

  it('COUNT_VIOLATION for more than 20 users also says to take 20 at a time (ASG-4, ASG-6)', () => {
    const t = tenant({ subscriptions: [{ id: 'e3', total: 5 }] });
    const many = refusal(t, 'assignLicenses', { subscription: 'e3', users });
    expect(many.code).toBe('COUNT_VIOLATION');
    expect(many.remedy).toContain('20 users or fewer at a time; you chose 21');
    expect(many.params).toMatchObject({ remedyCase: 'tooManyUsers', needed: 21, available: 5 });
    const few = refusal(t, 'assignLicenses', { subscription: 'e3', users: users.slice(0, 6) });
    expect(few.remedy).not.toContain('at a time');
    expect(few.params).not.toHaveProperty('remedyCase');
  });
});
