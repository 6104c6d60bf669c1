import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { importAdminCenterCsv } from './adminCenterCsv';
import { fixture } from './fixtures';
import { importGraph } from './graphImport';
import { RecordedLog } from './recordedLog';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const PEOPLE = 10_000;
const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';

/** Generous bounds: this 2-core machine is shared; the point is seconds, not minutes. */
describe('10,000 people', () => {
  it('import from Graph pages of 999, and apply, within seconds', () => {
    const users = Array.from({ length: PEOPLE }, (_, i) => ({
      id: `id-${i}`,
      displayName: `Åsa Ødegård ${i}`,
      userPrincipalName: `user${i}@fabrikam.example`,
      usageLocation: 'SE',
      department: 'Sales',
      accountEnabled: true,
      assignedLicenses: i % 3 ? [{ skuId: E3, disabledPlans: [] }] : [],
    }));
    const pages = [];
    for (let i = 0; i < users.length; i += 999) pages.push({ value: users.slice(i, i + 999) });
    const started = performance.now();
    const preview = importGraph(
      {
        subscribedSkus: { name: 'skus.json', content: fixture('graph-subscribedSkus.json') },
        users: { name: 'users.json', content: pages.map((p) => JSON.stringify(p)).join('\n') },
      },
      catalogue,
    );
    expect(performance.now() - started).toBeLessThan(3000);
    expect(preview.counts.users).toBe(PEOPLE);
    // The SKU without licenses; no user is unreadable (the unknown SKU is kept, not a problem).
    expect(preview.problems.map((p) => p.where)).toEqual(['skus.json value[5]']);

    const recorded = new RecordedLog(catalogue);
    const applying = performance.now();
    recorded.run({ type: 'importTenant', payload: preview.payload });
    expect(recorded.lastOutcome()).toBeNull();
    expect(performance.now() - applying).toBeLessThan(3000);
  });

  it('import from the admin center CSV within seconds', () => {
    const rows = Array.from(
      { length: PEOPLE },
      (_, i) =>
        `"Ødegård, Åsa ${i}",user${i}@fabrikam.example,SE,Sales,${i % 3 ? 'Microsoft 365 E3+Enterprise Mobility + Security E3' : 'Unlicensed'},False`,
    );
    const text = [
      'Display name,User principal name,Usage location,Department,Licenses,Block credential',
      ...rows,
    ].join('\r\n');
    const started = performance.now();
    const preview = importAdminCenterCsv({ name: 'users.csv', content: text }, catalogue);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(preview.counts).toEqual({ users: PEOPLE, subscriptions: 2, assignments: 13_332 });
  });
});
