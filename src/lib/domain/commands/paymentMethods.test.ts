import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue';
import { execute, type Outcome } from '../engine';
import { seedTenant } from '../seed';
import type { Tenant } from '../types';
import { recordedPayload } from './recorded';

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
      users: [{ id: 'ann', roles: ['GlobalAdministrator'] }, { id: 'ed' }],
    },
    catalogue,
  );
}

const run = (t: Tenant, type: string, payload: unknown, author = 'ann', now = NOW) =>
  execute(t, { type, payload }, { now, author, catalogue });

const code = (outcome: Outcome) => (outcome.ok ? 'ok' : outcome.refusal.code);

const FULL = {
  id: 'visa',
  cardNumber: '4111-1111-1111-1111',
  securityCode: '123',
  expiry: '12/2028',
  nameOnCard: 'Ann Berg',
  address: 'Storgatan 1',
};

const RECORDED = {
  id: 'visa',
  expiry: '12/2028',
  nameOnCard: 'Ann Berg',
  address: 'Storgatan 1',
  last4: '1111',
  cardChecked: true,
};

describe('recordedPayload (BILL-3)', () => {
  it('drops the security code and keeps only the last 4 digits of the card', () => {
    expect(recordedPayload('addPaymentMethod', FULL)).toEqual(RECORDED);
    expect(
      recordedPayload('updatePaymentMethod', { id: 'visa', securityCode: '123', address: 'x' }),
    ).toEqual({ id: 'visa', address: 'x', cardChecked: true });
  });

  it('gives back any other command, and a recorded form, as the very same payload', () => {
    const assign = { subscription: 'e3', users: ['ed'] };
    expect(recordedPayload('assignLicenses', assign)).toBe(assign);
    expect(recordedPayload('addPaymentMethod', RECORDED)).toBe(RECORDED);
  });

  it('applies as the full form does', () => {
    const full = tenant();
    const recorded = tenant();
    expect(run(full, 'addPaymentMethod', FULL)).toEqual({ ok: true });
    expect(run(recorded, 'addPaymentMethod', recordedPayload('addPaymentMethod', FULL))).toEqual({
      ok: true,
    });
    expect(recorded).toEqual(full);
  });
});

describe('a payment method in recorded form (BILL-3)', () => {
  it('is accepted with cardChecked, without asking again for the code', () => {
    const t = tenant();
    expect(run(t, 'addPaymentMethod', RECORDED)).toEqual({ ok: true });
    expect(t.paymentMethods['visa']).toMatchObject({ last4: '1111', expiryYear: 2028 });
    expect(
      run(t, 'updatePaymentMethod', { id: 'visa', expiry: '01/2029', cardChecked: true }),
    ).toEqual({ ok: true });
    expect(t.paymentMethods['visa']).toMatchObject({ expiryMonth: 1, expiryYear: 2029 });
  });

  it('is refused without card data', () => {
    const without = (...keys: string[]) =>
      Object.fromEntries(Object.entries(RECORDED).filter(([key]) => !keys.includes(key)));
    const noLast4 = without('last4');
    const bare = without('last4', 'cardChecked');
    expect(code(run(tenant(), 'addPaymentMethod', noLast4))).toBe('INVALID_INPUT');
    expect(code(run(tenant(), 'addPaymentMethod', bare))).toBe('INVALID_INPUT');
    expect(code(run(tenant(), 'addPaymentMethod', { ...RECORDED, last4: '12' }))).toBe(
      'INVALID_INPUT',
    );
    expect(code(run(tenant(), 'addPaymentMethod', { ...RECORDED, cardChecked: false }))).toBe(
      'INVALID_INPUT',
    );
    const t = tenant();
    run(t, 'addPaymentMethod', RECORDED);
    expect(code(run(t, 'updatePaymentMethod', { id: 'visa', expiry: '01/2029' }))).toBe(
      'INVALID_INPUT',
    );
  });

  it('is refused when it carries a card number or security code beside cardChecked', () => {
    expect(code(run(tenant(), 'addPaymentMethod', { ...RECORDED, securityCode: '123' }))).toBe(
      'INVALID_INPUT',
    );
    expect(
      code(run(tenant(), 'addPaymentMethod', { ...RECORDED, cardNumber: FULL.cardNumber })),
    ).toBe('INVALID_INPUT');
  });

  it('still runs the checks that depend on its position: who, which id, expiry at its time', () => {
    expect(code(run(tenant(), 'addPaymentMethod', RECORDED, 'ed'))).toBe('NOT_AUTHORIZED');
    const t = tenant();
    run(t, 'addPaymentMethod', RECORDED);
    expect(code(run(t, 'addPaymentMethod', RECORDED))).toBe('ALREADY_EXISTS');
    expect(code(run(t, 'updatePaymentMethod', { id: 'amex', cardChecked: true }))).toBe(
      'NOT_FOUND',
    );
    const later = Date.parse('2029-01-01T00:00:00Z');
    expect(code(run(tenant(), 'addPaymentMethod', RECORDED, 'ann', later))).toBe(
      'INVALID_PAYMENT_METHOD',
    );
  });
});
