import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../catalogue/catalogue';
import { addImported, seedTenant, type Imported } from '../seed';
import { query } from './index';

const NOW = Date.parse('2026-03-02T08:00:00Z');
let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const IMPORT: Imported = {
  users: [
    {
      id: 'asa@fabrikam.example',
      displayName: 'Åsa Ødegård',
      usageLocation: 'NO',
      department: null,
    },
    { id: 'bo@fabrikam.example', displayName: 'Bo', usageLocation: null, department: 'Sales' },
  ],
  subscriptions: [{ id: 'enterprisepack', product: 'ENTERPRISEPACK', total: 1, status: 'Active' }],
  assignments: [
    { user: 'asa@fabrikam.example', subscription: 'enterprisepack', disabledPlans: ['TEAMS1'] },
    { user: 'bo@fabrikam.example', subscription: 'enterprisepack', disabledPlans: [] },
  ],
  productKeys: [],
};

function imported() {
  const tenant = seedTenant(
    {
      billingAccountType: 'MOSA',
      start: NOW,
      users: [{ id: 'ann', roles: ['GlobalAdministrator'] }],
    },
    catalogue,
  );
  addImported(tenant, structuredClone(IMPORT), NOW, catalogue);
  return tenant;
}

const changes = (tenant: ReturnType<typeof imported>, payload: unknown) =>
  query(tenant, 'importChanges', payload, { now: NOW, author: 'ann', catalogue });

describe('importChanges', () => {
  it('counts everything an import brings to a tenant that has none of it', () => {
    const tenant = seedTenant({ billingAccountType: 'MOSA', start: NOW }, catalogue);
    expect(changes(tenant, IMPORT)).toEqual({
      ok: true,
      value: { users: 2, subscriptions: 1, assignments: 2, productKeys: 0, unknownProducts: 0 },
    });
  });

  it('finds nothing to change when the same import comes again, over-assigned counts and all', () => {
    expect(changes(imported(), IMPORT)).toEqual({
      ok: true,
      value: { users: 0, subscriptions: 0, assignments: 0, productKeys: 0, unknownProducts: 0 },
    });
  });

  it('counts what the tenant holds otherwise: a renamed person, another total, other apps off', () => {
    const again = structuredClone(IMPORT);
    again.users![0].displayName = 'Åsa Ødegård-Berg';
    again.subscriptions![0].total = 5;
    again.assignments![0].disabledPlans = [];
    expect(changes(imported(), again)).toEqual({
      ok: true,
      value: { users: 1, subscriptions: 1, assignments: 1, productKeys: 0, unknownProducts: 0 },
    });
  });

  it('refuses a payload that is not an import', () => {
    expect(changes(imported(), { users: 'everyone' })).toMatchObject({
      ok: false,
      refusal: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('import.users') as string,
      },
    });
  });
});
