import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '$lib/domain/catalogue/catalogue';
import { execute } from '$lib/domain/engine';
import { seedTenant } from '$lib/domain/seed';
import type { Tenant } from '$lib/domain/types';
import { setLicensesForEach } from './bulkLicenses';

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
        { id: 'ga', roles: ['GlobalAdministrator'], usageLocation: 'SE' },
        { id: 'ann', usageLocation: 'SE' },
        { id: 'bo' },
        { id: 'cai', usageLocation: 'DK' },
      ],
      subscriptions: [
        { id: 'e3', product: 'ENTERPRISEPACK', total: 2 },
        { id: 'e1', product: 'STANDARDPACK', total: 5 },
      ],
      assignments: [
        { user: 'ga', subscription: 'e3' },
        { user: 'ann', subscription: 'e1' },
      ],
    },
    catalogue,
  );
}

const runner = (t: Tenant) => (type: 'setUserLicenses', payload: unknown) =>
  Promise.resolve(execute(t, { type, payload }, { now: NOW, author: 'ga', catalogue }));

describe('setLicensesForEach', () => {
  it('answers for each user: done, or refused and why (ASG-5, ASG-6, ASG-11)', async () => {
    const t = tenant();
    const progress: number[] = [];
    const result = await setLicensesForEach(
      ['bo', 'ann', 'cai'],
      'add',
      ['e3'],
      runner(t),
      (done) => progress.push(done),
    );
    expect(progress).toEqual([1, 2, 3]);
    expect(result.succeeded).toEqual(['ann']);
    expect(result.refused.map((r) => [r.user, r.refusal.code])).toEqual([
      ['bo', 'USAGE_LOCATION_REQUIRED'],
      ['cai', 'COUNT_VIOLATION'],
    ]);
    expect(Object.keys(t.assignments['e3'] ?? {}).sort()).toEqual(['ann', 'ga']);
    expect(t.assignments['e1']?.['ann']).toBeDefined();
  });

  it('replaces, and with nothing chosen removes every license (ASG-5)', async () => {
    const t = tenant();
    const replaced = await setLicensesForEach(['ann'], 'replace', ['e3'], runner(t));
    expect(replaced).toEqual({ succeeded: ['ann'], refused: [] });
    expect(t.assignments['e1']?.['ann']).toBeUndefined();
    expect(t.assignments['e3']?.['ann']).toBeDefined();
    const cleared = await setLicensesForEach(['ann', 'ga'], 'replace', [], runner(t));
    expect(cleared.succeeded).toEqual(['ann', 'ga']);
    expect(Object.keys(t.assignments['e3'] ?? {})).toEqual([]);
  });
});
