import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '$lib/domain/catalogue/catalogue';
import { fixture } from '$lib/interop/fixtures';
import { importGraph } from '$lib/interop/graphImport';
import { RecordedLog } from '$lib/interop/recordedLog';
import { lastImport, planFiles } from './changePlanFiles';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const MIKKEL = 'mikkel.obrien@fabrikam.example';

function importedTwice() {
  const recorded = new RecordedLog(catalogue);
  const { payload } = importGraph(
    {
      subscribedSkus: { name: 'skus.json', content: fixture('graph-subscribedSkus.json') },
      users: { name: 'users.json', content: fixture('graph-users-pages.json') },
    },
    catalogue,
  );
  const first = recorded.run({ type: 'importTenant', payload });
  // Refused (the same ids again): not the import the plan starts after.
  recorded.run({ type: 'importTenant', payload });
  return { recorded, first };
}

describe('the change plan files', () => {
  it('start after the last import that took effect', () => {
    const { recorded, first } = importedTwice();
    expect(lastImport(recorded.log)?.id).toBe(first);
    expect(lastImport([])).toBeNull();
  });

  it('carry exactly the change made since: script, $batch bodies and checklist', () => {
    const { recorded, first } = importedTwice();
    recorded.run({
      type: 'assignLicenses',
      payload: { subscription: 'enterprisepack', users: [MIKKEL] },
    });
    const files = planFiles(recorded.base, recorded.log, { op: first }, catalogue, 'Since');
    expect(files.script.split('\r\n').filter((l) => l.startsWith('Set-MgUserLicense'))).toEqual([
      `Set-MgUserLicense -UserId '${MIKKEL}' -AddLicenses @(@{SkuId='6fd2c87f-b296-42f0-b197-1e91e994b900'; DisabledPlans=@()}) -RemoveLicenses @()`,
    ]);
    expect(JSON.parse(files.batches)).toMatchObject([
      { requests: [{ url: '/users/mikkel.obrien%40fabrikam.example/assignLicense' }] },
    ]);
    expect(files.checklist).toBe('# Since\r\n\r\nNothing to do in the admin center.\r\n');
  });

  it('list purchases for the admin center', () => {
    const { recorded, first } = importedTwice();
    recorded.run({
      type: 'setTotalLicenses',
      payload: { subscription: 'enterprisepack', total: 30 },
    });
    const files = planFiles(recorded.base, recorded.log, { op: first }, catalogue, 'Since');
    expect(files.plan.users).toEqual([]);
    expect(files.checklist).toContain(
      '- Buy 5 more of Office 365 E3 (enterprisepack), to 30 licenses',
    );
  });
});
