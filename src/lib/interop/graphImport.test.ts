import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { fixture } from './fixtures';
import { importGraph } from './graphImport';
import { ImportRefused } from './importPreview';
import { MAX_IMPORT_BYTES } from './importText';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const skus = () => ({ name: 'subscribedSkus.json', content: fixture('graph-subscribedSkus.json') });
const pages = (name = 'graph-users-pages.json') => ({ name, content: fixture(name) });

describe('importGraph', () => {
  it('reads concatenated pages into the importTenant payload', () => {
    const preview = importGraph({ subscribedSkus: skus(), users: pages() }, catalogue);
    expect(preview.counts).toEqual({ users: 8, subscriptions: 4, assignments: 8 });
    expect(preview.payload.users[0]).toEqual({
      id: 'asa.odegard@fabrikam.example',
      displayName: 'Åsa Ødegård',
      usageLocation: 'NO',
      department: 'Økonomi',
    });
    expect(preview.payload.subscriptions).toEqual([
      { id: 'enterprisepack', product: 'ENTERPRISEPACK', total: 25, status: 'Active' },
      { id: 'spe_e3', product: 'SPE_E3', total: 2, status: 'Active' },
      { id: 'ems-expired', product: 'EMS', total: 5, status: 'Expired' },
      { id: 'flow_free', product: 'FLOW_FREE', total: 10000, status: 'Active' },
    ]);
    expect(preview.payload.productKeys).toEqual([]);
  });

  it('maps disabled plans by GUID to plan names and keeps an unknown plan by its GUID', () => {
    const { payload, notes } = importGraph({ subscribedSkus: skus(), users: pages() }, catalogue);
    expect(payload.assignments).toContainEqual({
      user: 'asa.odegard@fabrikam.example',
      subscription: 'enterprisepack',
      disabledPlans: ['SWAY'],
    });
    expect(payload.assignments).toContainEqual({
      user: 'linnea.sjoberg@fabrikam.example',
      subscription: 'enterprisepack',
      disabledPlans: ['TEAMS1', 'deadbeef-0000-4000-8000-00000000beef'],
    });
    expect(notes.map((n) => n.why)).toContainEqual(
      expect.stringContaining('deadbeef-0000-4000-8000-00000000beef is not one of ENTERPRISEPACK'),
    );
  });

  it('keeps an unknown SKU with its GUID, purchased count and holders, and says so', () => {
    const preview = importGraph({ subscribedSkus: skus(), users: pages() }, catalogue);
    expect(preview.payload.unknownProducts).toEqual([
      {
        skuId: '0c0ffee0-1234-4abc-9def-0123456789ab',
        name: 'FABRIKAM_LAB_ADDON',
        purchased: 10,
        holders: ['soren.kjaer@fabrikam.example'],
      },
    ]);
    expect(preview.notes).toContainEqual({
      where: 'subscribedSkus.json value[4]',
      why: expect.stringContaining("not in Seats' product catalogue") as string,
    });
  });

  it('names every row it could not read, and keeps going', () => {
    const { problems } = importGraph({ subscribedSkus: skus(), users: pages() }, catalogue);
    expect(problems.map((p) => p.where)).toEqual([
      'subscribedSkus.json value[5]',
      'graph-users-pages.json page 2 value[3]',
      'graph-users-pages.json page 2 value[4].assignedLicenses[0]',
      'graph-users-pages.json page 2 value[4].assignedLicenses[1]',
      'graph-users-pages.json page 2 value[5]',
    ]);
    expect(problems[1].why).toBe('not a user: it has no userPrincipalName');
    expect(problems[4].why).toContain('appears twice');
  });

  it('takes more assigned than purchased as it is, and notes blocked sign-in', () => {
    const preview = importGraph({ subscribedSkus: skus(), users: pages() }, catalogue);
    const e3 = preview.payload.assignments.filter((a) => a.subscription === 'spe_e3');
    expect(e3).toHaveLength(3);
    const notes = preview.notes.map((n) => n.why);
    expect(notes).toContainEqual(expect.stringContaining('SPE_E3: 3 assigned but 2 purchased'));
    expect(notes).toContainEqual(
      expect.stringContaining('ingrid.berg@fabrikam.example: sign-in is blocked'),
    );
  });

  it('reads an array of pages and the concatenated pages alike, the same way every time', () => {
    const concatenated = importGraph({ subscribedSkus: skus(), users: pages() }, catalogue);
    const array = importGraph(
      { subscribedSkus: skus(), users: pages('graph-users-array.json') },
      catalogue,
    );
    expect(array.payload).toEqual(concatenated.payload);
    expect(importGraph({ subscribedSkus: skus(), users: pages() }, catalogue)).toEqual(
      concatenated,
    );
  });

  it('reports progress up to the number of users', () => {
    const calls: [number, number][] = [];
    importGraph({ subscribedSkus: skus(), users: pages() }, catalogue, (done, total) =>
      calls.push([done, total]),
    );
    expect(calls.at(-1)).toEqual([10, 10]);
  });

  it('notes a missing last page', () => {
    const first = fixture('graph-users-pages.json').split('\n}\n{')[0] + '\n}';
    const preview = importGraph(
      { subscribedSkus: skus(), users: { name: 'users.json', content: first } },
      catalogue,
    );
    expect(preview.notes[0]).toEqual({
      where: 'users.json',
      why: expect.stringContaining('next page that is not in the file') as string,
    });
  });

  it('refuses broken JSON with its line, and a file over 30 MB before parsing', () => {
    const broken = fixture('graph-users-pages.json').replace('"DK",', '"DK"');
    expect(() =>
      importGraph(
        { subscribedSkus: skus(), users: { name: 'u.json', content: broken } },
        catalogue,
      ),
    ).toThrow(/^u\.json: broken JSON at line 25: /);
    const cut = fixture('graph-users-pages.json').slice(0, 500);
    expect(() =>
      importGraph({ subscribedSkus: skus(), users: { name: 'u.json', content: cut } }, catalogue),
    ).toThrow(/cut short/);
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(() =>
      importGraph({ subscribedSkus: skus(), users: { name: 'u.json', content: huge } }, catalogue),
    ).toThrow(ImportRefused);
    expect(() =>
      importGraph(
        { subscribedSkus: skus(), users: { name: 'u.json', content: '{"odata": 1}' } },
        catalogue,
      ),
    ).toThrow('u.json: u.json is not a Graph response: it has no "value" list');
  });
});
