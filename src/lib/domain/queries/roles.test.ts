import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue';
import { seedTenant } from '../seed';
import { BILLING_ROLES, DIRECTORY_ROLES, type BillingAccountType, type Tenant } from '../types';
import { query } from './index';

const NOW = Date.parse('2026-03-02T08:00:00Z');
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

function tenant(type: BillingAccountType): Tenant {
  return seedTenant(
    {
      billingAccountType: type,
      start: NOW,
      users: [
        { id: 'ann', displayName: 'Ann', roles: ['GlobalAdministrator'] },
        { id: 'bo', displayName: 'Bo', roles: ['GlobalAdministrator', 'UserAdministrator'] },
        { id: 'cy', displayName: 'Cy', roles: type === 'MCA' ? ['BillingAccountOwner'] : [] },
        { id: 'ed', displayName: 'Ed' },
        { id: 'old', displayName: 'Old', roles: ['UserAdministrator'], deletedAt: NOW - 1 },
      ],
    },
    catalogue,
  );
}

const roles = (type: BillingAccountType, as: string) => {
  const answer = query(tenant(type), 'roles', { as }, { now: NOW, author: null, catalogue });
  if (!answer.ok) throw new Error(answer.refusal.message);
  return answer.value;
};

describe('roles (ROLE-1, ROLE-3, ROLE-6)', () => {
  it('lists directory roles only under MOSA, and billing roles too under MCA', () => {
    expect(roles('MOSA', 'ann').map((r) => r.role)).toEqual([...DIRECTORY_ROLES]);
    expect(roles('MCA', 'ann').map((r) => [r.role, r.billing])).toEqual([
      ...DIRECTORY_ROLES.map((r) => [r, false]),
      ...BILLING_ROLES.map((r) => [r, true]),
    ]);
  });

  it('names the active holders of each role, by name', () => {
    const byRole = Object.fromEntries(roles('MCA', 'ann').map((r) => [r.role, r.holders]));
    expect(byRole['GlobalAdministrator']).toEqual([
      { id: 'ann', displayName: 'Ann' },
      { id: 'bo', displayName: 'Bo' },
    ]);
    expect(byRole['UserAdministrator']).toEqual([{ id: 'bo', displayName: 'Bo' }]);
    expect(byRole['BillingAccountOwner']).toEqual([{ id: 'cy', displayName: 'Cy' }]);
  });

  it('lets a Global Administrator manage every role', () => {
    expect(roles('MCA', 'ann').every((r) => r.manage.allowed)).toBe(true);
  });

  it('lets a billing account owner manage billing roles only, and says why not the others', () => {
    const answer = roles('MCA', 'cy');
    expect(answer.filter((r) => r.manage.allowed).map((r) => r.role)).toEqual([...BILLING_ROLES]);
    expect(answer.find((r) => r.role === 'GlobalAdministrator')!.manage).toMatchObject({
      allowed: false,
      reason: 'NOT_AUTHORIZED',
      remedy: 'Ask a Global Administrator.',
    });
  });

  it('lets a plain user manage nothing', () => {
    expect(roles('MOSA', 'ed').some((r) => r.manage.allowed)).toBe(false);
  });
});
