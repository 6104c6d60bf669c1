import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/catalogue';
import { execute } from '../engine';
import { seedTenant, type Given } from '../seed';
import { DAY, parseInstant } from '../time';
import type { BillingAccountType } from '../types';
import { query } from '.';

const catalogue = await loadCatalogue();
const START = parseInstant('2026-03-01T09:00:00Z')!;

function tenantOf(type: BillingAccountType, subscriptions: Given['subscriptions']) {
  return seedTenant(
    {
      billingAccountType: type,
      start: START,
      users: [
        { id: 'ann', displayName: 'Ann Berg', usageLocation: 'SE', roles: ['GlobalAdministrator'] },
        { id: 'bo', displayName: 'Bo Holm', usageLocation: 'SE', roles: ['BillingAccountOwner'] },
        { id: 'cy', displayName: 'Cy Lund', usageLocation: 'DK' },
        { id: 'di', displayName: 'Di Alm', usageLocation: 'DK' },
      ].map((u) => (type === 'MOSA' && u.id === 'bo' ? { ...u, roles: [] } : u)) as Given['users'],
      subscriptions,
      assignments: [
        { user: 'cy', subscription: 'e3' },
        { user: 'di', subscription: 'e3' },
      ],
    },
    catalogue,
  );
}

const ctx = (author: string) => ({ now: START, author, catalogue });

function offers(type: BillingAccountType, subscriptions: Given['subscriptions'], as: string) {
  const answer = query(
    tenantOf(type, subscriptions),
    'licenseActions',
    { subscription: 'e3', as },
    ctx(as),
  );
  if (!answer.ok) throw new Error(answer.refusal.message);
  return answer.value.offers;
}

describe('licenseActions offers', () => {
  it('under MOSA offers both buttons now, never at renewal (MOSA-1)', () => {
    const { buy, remove } = offers('MOSA', [{ id: 'e3', total: 5 }], 'ann');
    expect(buy).toMatchObject({
      offered: true,
      now: { allowed: true },
      atRenewal: { allowed: false },
    });
    expect(remove).toMatchObject({
      offered: true,
      now: { allowed: true },
      atRenewal: { allowed: false },
    });
  });

  it('under MCA with recurring billing on offers now and at renewal, with the date (MCA-4)', () => {
    const { buy } = offers('MCA', [{ id: 'e3', total: 5 }], 'bo');
    expect(buy).toEqual({
      offered: true,
      now: { allowed: true },
      atRenewal: { allowed: true, on: '2026-04-01' },
    });
  });

  it('once the removal window closed, offers removing at renewal only (MCA-5)', () => {
    const { remove } = offers('MCA', [{ id: 'e3', total: 5, purchasedAt: START - 20 * DAY }], 'bo');
    expect(remove.offered).toBe(true);
    expect(remove.now).toMatchObject({ allowed: false, reason: 'REMOVAL_WINDOW_CLOSED' });
    expect(remove.atRenewal).toEqual({ allowed: true, on: '2026-03-09' });
  });

  it('with recurring billing off and the window closed, says recurring billing is needed (MCA-3)', () => {
    const { remove } = offers(
      'MCA',
      [{ id: 'e3', total: 5, purchasedAt: START - 20 * DAY, recurringBilling: false }],
      'bo',
    );
    expect(remove).toMatchObject({ offered: false, why: { reason: 'RECURRING_BILLING_OFF' } });
  });

  it('with every license assigned, says to unassign first, now or at renewal (LIC-2)', () => {
    const mosa = offers('MOSA', [{ id: 'e3', total: 2 }], 'ann').remove;
    expect(mosa).toMatchObject({ offered: false, why: { reason: 'BELOW_ASSIGNED' } });
    const mca = offers('MCA', [{ id: 'e3', total: 2, purchasedAt: START - 20 * DAY }], 'bo');
    expect(mca.remove).toMatchObject({ offered: false, why: { reason: 'BELOW_ASSIGNED' } });
    expect(mca.buy.offered).toBe(true);
  });

  it('shows the sales block in place of both buttons (LIC-5)', () => {
    const { buy, remove } = offers('MCA', [{ id: 'e3', total: 5, channel: 'Reseller' }], 'bo');
    expect(buy).toMatchObject({ offered: false, why: { reason: 'RESELLER' } });
    expect(remove).toMatchObject({ offered: false, why: { reason: 'RESELLER' } });
  });

  it('refuses a person without a billing role (ROLE-3)', () => {
    const { buy } = offers('MCA', [{ id: 'e3', total: 5 }], 'ann');
    expect(buy).toMatchObject({ offered: false, why: { reason: 'NOT_AUTHORIZED' } });
  });
});

describe('productUsers', () => {
  it('lists who holds a product, by name, with the subscription and the date (ASG-4)', () => {
    const tenant = tenantOf('MOSA', [
      { id: 'e3', total: 5 },
      { id: 'e3-more', total: 2 },
    ]);
    const later = START + 2 * DAY;
    expect(
      execute(
        tenant,
        { type: 'assignLicenses', payload: { subscription: 'e3-more', users: ['ann'] } },
        { ...ctx('ann'), now: later },
      ),
    ).toEqual({ ok: true });
    const answer = query(tenant, 'productUsers', { product: 'ENTERPRISEPACK' }, ctx('ann'));
    expect(answer).toEqual({
      ok: true,
      value: [
        { user: 'ann', displayName: 'Ann Berg', subscription: 'e3-more', assignedOn: '2026-03-03' },
        { user: 'cy', displayName: 'Cy Lund', subscription: 'e3', assignedOn: '2026-03-01' },
        { user: 'di', displayName: 'Di Alm', subscription: 'e3', assignedOn: '2026-03-01' },
      ],
    });
  });

  it('refuses a product the catalogue does not have', () => {
    const answer = query(
      tenantOf('MOSA', [{ id: 'e3' }]),
      'productUsers',
      { product: 'NOPE' },
      ctx('ann'),
    );
    expect(answer).toMatchObject({ ok: false, refusal: { code: 'NOT_FOUND' } });
  });
});
