import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue';
import { execute } from '../engine';
import { seedTenant } from '../seed';
import type { Tenant } from '../types';

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
        { id: 'ann', roles: ['GlobalAdministrator'] },
        { id: 'lia', roles: ['PasswordAdministrator'] },
        { id: 'ed' },
        { id: 'gone', roles: ['GlobalAdministrator'], deletedAt: NOW - 1 },
      ],
    },
    catalogue,
  );
}

const dismiss = (t: Tenant, author: string | null, payload: unknown) =>
  execute(t, { type: 'dismissConflict', payload }, { now: NOW, author, catalogue });

describe('dismissConflict (SYNC-3)', () => {
  it('starts with nothing dismissed', () => {
    expect(tenant().dismissed).toEqual({});
  });

  it('records the op id for every admin, whatever their role', () => {
    const t = tenant();
    expect(dismiss(t, 'lia', { op: 'op-1' })).toEqual({ ok: true });
    expect(dismiss(t, 'ann', { op: 'op-2' })).toEqual({ ok: true });
    expect(t.dismissed).toEqual({ 'op-1': true, 'op-2': true });
  });

  it('accepts dismissing twice and changes nothing, so concurrent dismissals agree', () => {
    const t = tenant();
    dismiss(t, 'ann', { op: 'op-1' });
    const before = structuredClone(t);
    expect(dismiss(t, 'lia', { op: 'op-1' })).toEqual({ ok: true });
    expect(t).toEqual(before);
  });

  it('refuses a plain user, a deleted admin and no one, changing nothing', () => {
    const t = tenant();
    for (const author of ['ed', 'gone', null]) {
      const outcome = dismiss(t, author, { op: 'op-1' });
      expect(outcome.ok ? 'ok' : outcome.refusal.code).toBe('NOT_AUTHORIZED');
    }
    expect(t.dismissed).toEqual({});
  });

  it('refuses a missing op id as malformed', () => {
    const outcome = dismiss(tenant(), 'ann', { op: '' });
    expect(outcome.ok ? 'ok' : outcome.refusal.code).toBe('INVALID_INPUT');
  });

  it('works on a tenant stored before conflicts could be dismissed', () => {
    const t: Tenant = tenant();
    Reflect.deleteProperty(t, 'dismissed');
    expect(dismiss(t, 'ann', { op: 'op-1' })).toEqual({ ok: true });
    expect(t.dismissed).toEqual({ 'op-1': true });
  });
});
