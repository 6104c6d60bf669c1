import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { query } from '../domain/queries';
import { importAdminCenterCsv } from './adminCenterCsv';
import { changePlan } from './changePlan';
import { usersCsv } from './csvExport';
import { fixture, fixtureBytes } from './fixtures';
import { graphBatches } from './graphBatch';
import { importGraph } from './graphImport';
import type { ImportPreview } from './importPreview';
import { powershellScript } from './powershellScript';
import { ADMIN, RecordedLog } from './recordedLog';
import { windowOf } from './replayLog';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const M365_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const TEAMS = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const ASA = 'asa.odegard@fabrikam.example';
const MIKKEL = 'mikkel.obrien@fabrikam.example';
const OSKAR = 'oskar.holm@fabrikam.example';

const graph = () =>
  importGraph(
    {
      subscribedSkus: { name: 'skus.json', content: fixture('graph-subscribedSkus.json') },
      users: { name: 'users.json', content: fixture('graph-users-pages.json') },
    },
    catalogue,
  );
const csv = () =>
  importAdminCenterCsv(
    { name: 'users.csv', content: fixtureBytes('admin-center-users.csv') },
    catalogue,
  );

function imported(preview: ImportPreview) {
  const recorded = new RecordedLog(catalogue);
  const importOp = recorded.run({ type: 'importTenant', payload: preview.payload });
  expect(recorded.lastOutcome()).toBeNull();
  return { recorded, importOp };
}

describe.each([
  ['Graph', graph],
  ['admin center CSV', csv],
])('a tenant imported from %s, changed, then planned', (_source, read) => {
  it('plans exactly the changes made since the import', () => {
    const { recorded, importOp } = imported(read());
    // The CSV says nothing of licenses bought: its subscriptions have none free.
    const total = recorded.tenant.subscriptions.enterprisepack.total + 1;
    recorded.run({
      type: 'setTotalLicenses',
      payload: { subscription: 'enterprisepack', total },
    });
    recorded.run({
      type: 'assignLicenses',
      payload: { subscription: 'enterprisepack', users: [MIKKEL], disabledPlans: ['TEAMS1'] },
    });
    recorded.run({ type: 'unassignLicenses', payload: { subscription: 'spe_e3', users: [OSKAR] } });
    recorded.run({
      type: 'setServicePlans',
      payload: { user: ASA, subscription: 'enterprisepack', disabledPlans: ['SWAY', 'TEAMS1'] },
    });
    // Taken back within the window: not in the plan.
    recorded.run({ type: 'assignLicenses', payload: { subscription: 'spe_e3', users: [MIKKEL] } });
    recorded.run({
      type: 'unassignLicenses',
      payload: { subscription: 'spe_e3', users: [MIKKEL] },
    });
    // Refused (no usage location): not in the plan.
    recorded.run({
      type: 'assignLicenses',
      payload: { subscription: 'enterprisepack', users: ['freja.lund@fabrikam.example'] },
    });
    expect(recorded.lastOutcome()).not.toBeNull();

    const window = windowOf(recorded.base, recorded.log, { op: importOp }, catalogue);
    expect(window.after).toEqual(recorded.tenant);
    const plan = changePlan(window, catalogue);
    expect(plan.checklist).toEqual([
      {
        kind: 'buy',
        text: `Buy 1 more of Office 365 E3 (enterprisepack), to ${total} licenses`,
      },
    ]);
    const script = powershellScript(plan, 'Fabrikam Nordic: changes since the import');
    expect(script.split('\r\n').filter((l) => l.startsWith('Set-MgUserLicense'))).toEqual([
      `Set-MgUserLicense -UserId '${ASA}' -AddLicenses @(@{SkuId='${E3}'; DisabledPlans=@('a23b959c-7ce8-4e57-9140-b90eb88a9e97', '${TEAMS}')}) -RemoveLicenses @()`,
      `Set-MgUserLicense -UserId '${MIKKEL}' -AddLicenses @(@{SkuId='${E3}'; DisabledPlans=@('${TEAMS}')}) -RemoveLicenses @()`,
      `Set-MgUserLicense -UserId '${OSKAR}' -AddLicenses @() -RemoveLicenses @('${M365_E3}')`,
    ]);
    const [batch] = graphBatches(plan);
    expect(batch.requests.map((r) => [r.url, r.body])).toEqual([
      [
        '/users/asa.odegard%40fabrikam.example/assignLicense',
        {
          addLicenses: [
            { skuId: E3, disabledPlans: ['a23b959c-7ce8-4e57-9140-b90eb88a9e97', TEAMS] },
          ],
          removeLicenses: [],
        },
      ],
      [
        '/users/mikkel.obrien%40fabrikam.example/assignLicense',
        { addLicenses: [{ skuId: E3, disabledPlans: [TEAMS] }], removeLicenses: [] },
      ],
      [
        '/users/oskar.holm%40fabrikam.example/assignLicense',
        { addLicenses: [], removeLicenses: [M365_E3] },
      ],
    ]);
  });

  it('reads the same file to the same payload: nothing to change, and importTenant refuses it whole', () => {
    expect(read().payload).toEqual(read().payload);
    const { recorded } = imported(read());
    const ctx = { now: recorded.time, author: ADMIN, catalogue };
    expect(query(recorded.tenant, 'importChanges', read().payload, ctx)).toEqual({
      ok: true,
      value: { users: 0, subscriptions: 0, assignments: 0, productKeys: 0, unknownProducts: 0 },
    });
    const before = structuredClone(recorded.tenant);
    recorded.run({ type: 'importTenant', payload: read().payload });
    expect(recorded.lastOutcome()).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('appears twice') as string,
    });
    expect(recorded.tenant).toEqual(before);
  });
});

describe('an unknown product kept, not dropped', () => {
  it.each([
    ['Graph', graph, { skuId: '0c0ffee0-1234-4abc-9def-0123456789ab', name: 'FABRIKAM_LAB_ADDON' }],
    ['admin center CSV', csv, { skuId: null, name: 'Fabrikam Lab Add-on' }],
  ])('from %s: held by the same people after the import, and in the Users CSV', (_s, read, id) => {
    const { recorded } = imported(read());
    const kept = Object.values(recorded.tenant.unknownProducts ?? {});
    expect(kept).toMatchObject([id]);
    expect(kept[0].holders.length).toBeGreaterThan(0);
    const holder = kept[0].holders[0];
    const row = usersCsv(recorded.tenant, recorded.time, catalogue)
      .split('\r\n')
      .find((line) => line.includes(holder));
    expect(row).toContain(id.name);
  });
});

describe('an unknown service plan kept by its GUID', () => {
  it('stays off in the plan, but the engine refuses it when apps are changed', () => {
    const { recorded, importOp } = imported(graph());
    const linnea = 'linnea.sjoberg@fabrikam.example';
    const kept = 'deadbeef-0000-4000-8000-00000000beef';
    expect(recorded.tenant.assignments.enterprisepack[linnea].disabledPlans).toEqual([
      'TEAMS1',
      kept,
    ]);
    recorded.run({
      type: 'setServicePlans',
      payload: { user: linnea, subscription: 'enterprisepack', disabledPlans: ['SWAY', kept] },
    });
    expect(recorded.lastOutcome()).toMatchObject({ code: 'UNKNOWN_SERVICE_PLAN' });
    recorded.run({
      type: 'setServicePlans',
      payload: { user: linnea, subscription: 'enterprisepack', disabledPlans: ['SWAY'] },
    });
    const plan = changePlan(
      windowOf(recorded.base, recorded.log, { op: importOp }, catalogue),
      catalogue,
    );
    expect(plan.users).toMatchObject([
      {
        user: linnea,
        add: [{ disabledPlans: [{ id: 'a23b959c-7ce8-4e57-9140-b90eb88a9e97', name: 'SWAY' }] }],
      },
    ]);
  });
});
