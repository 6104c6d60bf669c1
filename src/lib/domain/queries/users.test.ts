import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue';
import { execute } from '../engine';
import { seedTenant } from '../seed';
import { DAY } from '../time';
import type { Tenant } from '../types';
import { query, type QueryName } from './index';
import { isMailboxPlan, providesMailbox } from './users';

const NOW = Date.parse('2026-03-10T09:00:00Z');
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
        { id: 'ga', displayName: 'Gia Admin', roles: ['GlobalAdministrator'], usageLocation: 'SE' },
        { id: 'billing', roles: ['BillingAdministrator'] },
        { id: 'buyer', displayName: 'Bo Buyer', usageLocation: 'DK' },
        { id: 'old', displayName: 'Olle Old', deletedAt: NOW - 31 * DAY },
        { id: 'recent', displayName: 'Rita Recent', deletedAt: NOW - 10 * DAY },
      ],
      subscriptions: [
        { id: 'e3', product: 'ENTERPRISEPACK', total: 2 },
        {
          id: 'visio',
          product: 'VISIOCLIENT',
          total: 1,
          channel: 'SelfService',
          purchaser: 'buyer',
        },
        { id: 'e1', product: 'STANDARDPACK', total: 5, status: 'Expired' },
      ],
      assignments: [{ user: 'ga', subscription: 'e3' }],
    },
    catalogue,
  );
}

const ask = <N extends QueryName>(t: Tenant, name: N, args: object = {}) =>
  query(t, name, args, { now: NOW, author: null, catalogue });

describe('licenseChoices', () => {
  it('gives availability, apps and whether the person may assign each license', () => {
    const answer = ask(tenant(), 'licenseChoices', { as: 'ga' });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const byId = Object.fromEntries(answer.value.map((c) => [c.subscription, c]));
    expect(byId['e3']).toMatchObject({
      productName: 'Office 365 E3',
      valid: 2,
      assigned: 1,
      available: 1,
      assign: { allowed: true },
    });
    expect(byId['e3']?.servicePlans.map((p) => p.name)).toContain('EXCHANGE_S_ENTERPRISE');
    expect(byId['visio']?.assign).toMatchObject({ allowed: false, reason: 'READ_ONLY' });
    expect(byId['e1']).toMatchObject({
      status: 'Expired',
      available: 0,
      assign: { allowed: false, reason: 'SUBSCRIPTION_NOT_ACTIVE' },
    });
  });

  it('agrees with the engine: what it allows, assignLicenses accepts', () => {
    const t = tenant();
    const answer = ask(t, 'licenseChoices', { as: 'ga' });
    if (!answer.ok) throw new Error('refused');
    const allowed = answer.value.filter((c) => c.assign.allowed).map((c) => c.subscription);
    expect(allowed).toEqual(['e3']);
    const outcome = execute(
      t,
      { type: 'assignLicenses', payload: { subscription: 'e3', users: ['buyer'] } },
      { now: NOW, author: 'ga', catalogue },
    );
    expect(outcome).toEqual({ ok: true });
  });

  it('refuses every license to someone without an assigning role, and lets a purchaser assign theirs', () => {
    const t = tenant();
    const billing = ask(t, 'licenseChoices', { as: 'billing' });
    if (!billing.ok) throw new Error('refused');
    expect(billing.value.every((c) => !c.assign.allowed)).toBe(true);
    expect(billing.value.find((c) => c.subscription === 'e3')?.assign.reason).toBe(
      'NOT_AUTHORIZED',
    );
    const buyer = ask(t, 'licenseChoices', { as: 'buyer' });
    if (!buyer.ok) throw new Error('refused');
    expect(buyer.value.filter((c) => c.assign.allowed).map((c) => c.subscription)).toEqual([
      'visio',
    ]);
    const unknown = ask(t, 'licenseChoices', { as: 'nobody' });
    if (!unknown.ok) throw new Error('refused');
    expect(unknown.value.every((c) => c.assign.reason === 'NOT_AUTHORIZED')).toBe(true);
  });
});

describe('deletedUsers', () => {
  it('lists users deleted within the last 30 days, with the last day to restore them (DATA-3)', () => {
    const answer = ask(tenant(), 'deletedUsers');
    expect(answer).toEqual({
      ok: true,
      value: [
        {
          id: 'recent',
          displayName: 'Rita Recent',
          deletedOn: '2026-02-28',
          restorableUntil: '2026-03-30',
        },
      ],
    });
  });
});

describe('mailboxes (ASG-7, DATA-2)', () => {
  it('come from the Exchange Online plans that give one, not from Exchange Foundation or add-ons', () => {
    for (const plan of [
      'EXCHANGE_S_ENTERPRISE',
      'EXCHANGE_S_STANDARD',
      'EXCHANGE_S_DESKLESS',
      'EXCHANGE_S_ESSENTIALS',
      'EXCHANGE_L_STANDARD',
      'EXCHANGE_B_STANDARD',
      'EXCHANGE_S_ENTERPRISE_GOV',
      'EXCHANGE_S_STANDARD_MIDMARKET',
    ]) {
      expect(isMailboxPlan(plan), plan).toBe(true);
    }
    for (const plan of [
      'EXCHANGE_S_FOUNDATION',
      'EXCHANGE_S_FOUNDATION_GOV',
      'EXCHANGE_S_ARCHIVE_ADDON',
      'EXCHANGE_ANALYTICS',
      'EXCHANGEONLINE_MULTIGEO',
      'MIP_S_Exchange',
    ]) {
      expect(isMailboxPlan(plan), plan).toBe(false);
    }
  });

  it('are spoken of by the products that give one', () => {
    const ctx = { now: NOW, author: null, catalogue };
    expect(providesMailbox(ctx, 'ENTERPRISEPACK')).toBe(true);
    expect(providesMailbox(ctx, 'EXCHANGESTANDARD')).toBe(true);
    expect(providesMailbox(ctx, 'SPB')).toBe(true);
    expect(providesMailbox(ctx, 'EMS')).toBe(false);
    expect(providesMailbox(ctx, 'POWER_BI_PRO')).toBe(false);
    expect(providesMailbox(ctx, 'VISIOCLIENT')).toBe(false);
  });
});
