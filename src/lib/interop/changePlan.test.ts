import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { changePlan } from './changePlan';
import { graphBatches } from './graphBatch';
import { powershellScript, psQuote } from './powershellScript';
import { RecordedLog } from './recordedLog';
import { windowOf } from './replayLog';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const E3 = '6fd2c87f-b296-42f0-b197-1e91e994b900';
const SWAY = 'a23b959c-7ce8-4e57-9140-b90eb88a9e97';

function tenantWithPeople(): { recorded: RecordedLog; imported: string } {
  const recorded = new RecordedLog(catalogue);
  const person = (id: string, displayName: string) => ({ id, displayName, usageLocation: 'SE' });
  const imported = recorded.run({
    type: 'importTenant',
    payload: {
      users: [
        person('ann@x.example', 'Ann'),
        person("o'neil@x.example", 'Kim O’Neil\r\nRemove-Item C:\\'),
      ],
      subscriptions: [{ id: 'e3', product: 'ENTERPRISEPACK', total: 3 }],
      assignments: [{ user: 'ann@x.example', subscription: 'e3', disabledPlans: ['SWAY'] }],
    },
  });
  expect(recorded.lastOutcome()).toBeNull();
  return { recorded, imported };
}

describe('changePlan', () => {
  it('nets the window: added then removed is nothing, a refused op is nothing', () => {
    const { recorded, imported } = tenantWithPeople();
    recorded.run({
      type: 'assignLicenses',
      payload: { subscription: 'e3', users: ["o'neil@x.example"] },
    });
    recorded.run({
      type: 'unassignLicenses',
      payload: { subscription: 'e3', users: ["o'neil@x.example"] },
    });
    recorded.run({
      type: 'assignLicenses',
      payload: { subscription: 'nope', users: ['ann@x.example'] },
    });
    expect(recorded.lastOutcome()).not.toBeNull();
    const plan = changePlan(
      windowOf(recorded.base, recorded.log, { op: imported }, catalogue),
      catalogue,
    );
    expect(plan).toEqual({ users: [], checklist: [] });
  });

  it('turns apps back on as an add of the same SKU, and starts after a time as after an op', () => {
    const { recorded } = tenantWithPeople();
    const after = recorded.time;
    recorded.run({
      type: 'setServicePlans',
      payload: { user: 'ann@x.example', subscription: 'e3', disabledPlans: ['TEAMS1'] },
    });
    const plan = changePlan(
      windowOf(recorded.base, recorded.log, { time: after }, catalogue),
      catalogue,
    );
    expect(plan.users).toEqual([
      {
        user: 'ann@x.example',
        displayName: 'Ann',
        add: [
          {
            skuId: E3,
            product: 'ENTERPRISEPACK',
            productName: 'Office 365 E3',
            disabledPlans: [{ id: '57ff2da0-773e-42df-b2af-ffb7a2317929', name: 'TEAMS1' }],
          },
        ],
        remove: [],
      },
    ]);
  });

  it('lists purchases and what Graph cannot do as a checklist, before the script', () => {
    const { recorded, imported } = tenantWithPeople();
    recorded.run({ type: 'setTotalLicenses', payload: { subscription: 'e3', total: 5 } });
    recorded.run({
      type: 'assignRole',
      payload: { user: 'ann@x.example', role: 'UserAdministrator' },
    });
    const plan = changePlan(
      windowOf(recorded.base, recorded.log, { op: imported }, catalogue),
      catalogue,
    );
    expect(plan.checklist.map((c) => c.text)).toEqual([
      'Buy 2 more of Office 365 E3 (e3), to 5 licenses',
      expect.stringMatching(
        /^Not in this plan: assignRole by admin@fabrikam.example on 2026-11-02/,
      ),
    ]);
  });
});

describe('powershellScript and graphBatches', () => {
  function plan() {
    const { recorded, imported } = tenantWithPeople();
    recorded.run({
      type: 'assignLicenses',
      payload: { subscription: 'e3', users: ["o'neil@x.example"], disabledPlans: ['SWAY'] },
    });
    recorded.run({
      type: 'unassignLicenses',
      payload: { subscription: 'e3', users: ['ann@x.example'] },
    });
    return changePlan(
      windowOf(recorded.base, recorded.log, { op: imported }, catalogue),
      catalogue,
    );
  }

  it('escapes single quotes the way PowerShell reads them', () => {
    expect(psQuote("o'neil")).toBe("'o''neil'");
    expect(psQuote('o’neil')).toBe("'o’’neil'");
  });

  it('writes a header, Connect-MgGraph and one Set-MgUserLicense per user', () => {
    const script = powershellScript(plan(), 'Seats change plan for Fabrikam Nordic');
    const lines = script.split('\r\n');
    expect(lines[0]).toBe('# Seats change plan for Fabrikam Nordic');
    expect(lines).toContain('Connect-MgGraph -Scopes User.ReadWrite.All');
    expect(lines.filter((l) => l.startsWith('Set-MgUserLicense'))).toEqual([
      `Set-MgUserLicense -UserId 'ann@x.example' -AddLicenses @() -RemoveLicenses @('${E3}')`,
      `Set-MgUserLicense -UserId 'o''neil@x.example' -AddLicenses @(@{SkuId='${E3}'; DisabledPlans=@('${SWAY}')}) -RemoveLicenses @()`,
    ]);
    // A line break in a display name stays inside its comment.
    expect(lines.filter((l) => l.includes('Remove-Item'))).toEqual([
      expect.stringMatching(
        /^# {3}- Kim O’Neil Remove-Item C:\\ \(o'neil@x.example\): add Office 365 E3, with SWAY off$/,
      ),
    ]);
  });

  it('makes $batch bodies of at most 20 assignLicense requests, both lists always there', () => {
    const one = plan();
    const many = { ...one, users: Array.from({ length: 21 }, () => one.users).flat() };
    const batches = graphBatches(many);
    expect(batches.map((b) => b.requests.length)).toEqual([20, 20, 2]);
    expect(graphBatches(one)).toEqual([
      {
        requests: [
          {
            id: '1',
            method: 'POST',
            url: '/users/ann%40x.example/assignLicense',
            headers: { 'Content-Type': 'application/json' },
            body: { addLicenses: [], removeLicenses: [E3] },
          },
          {
            id: '2',
            method: 'POST',
            url: "/users/o'neil%40x.example/assignLicense",
            headers: { 'Content-Type': 'application/json' },
            body: { addLicenses: [{ skuId: E3, disabledPlans: [SWAY] }], removeLicenses: [] },
          },
        ],
      },
    ]);
  });
});
