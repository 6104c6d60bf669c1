import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createCatalogue, loadCatalogue, parseCatalogueData, type Product } from './catalogue';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const script = join(repoRoot, 'scripts/generate-catalogue.mjs');
const dataDir = join(repoRoot, 'data/catalogue');
const committedJson = join(repoRoot, 'src/lib/domain/catalogue/products.json');

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'seats-catalogue-'));
  tempDirs.push(dir);
  return dir;
}

function generate(from: string, out: string) {
  return spawnSync(process.execPath, [script, from, out], { encoding: 'utf8' });
}

describe('catalogue from the Microsoft data', async () => {
  const catalogue = await loadCatalogue();

  it('has one product per distinct GUID', () => {
    expect(catalogue.products).toHaveLength(569);
    expect(new Set(catalogue.products.map((p) => p.guid)).size).toBe(569);
  });

  it('is loaded once and shared', async () => {
    expect(await loadCatalogue()).toBe(catalogue);
  });

  it('describes Office 365 E3', () => {
    const e3 = catalogue.product('ENTERPRISEPACK');
    // Checked against the CSV: the GUID is 6fd2c87f-b296-42f0-b197-1e91e994b900.
    expect(e3?.displayName).toBe('Office 365 E3');
    expect(e3?.guid).toBe('6fd2c87f-b296-42f0-b197-1e91e994b900');
    expect(catalogue.productByGuid('6FD2C87F-B296-42F0-B197-1E91E994B900')).toBe(e3);
    expect(e3?.servicePlans.map((plan) => plan.name)).toContain('EXCHANGE_S_ENTERPRISE');
  });

  it('joins prices by String_Id', () => {
    expect(catalogue.product('SPB')).toMatchObject({ listPrice: 2200, maxLicenses: 300 });
    expect(catalogue.product('POWER_BI_PRO')?.selfService).toBe(true);
    expect(catalogue.product('TEAMS_EXPLORATORY')).toMatchObject({ listPrice: 0, endOfSale: true });
    expect(catalogue.product('ENTERPRISEPACK')?.maxLicenses).toBeNull();
    expect(catalogue.product('CDSAICAPACITY')).toMatchObject({
      listPrice: null,
      selfService: false,
      maxLicenses: null,
      endOfSale: false,
    });
    expect(catalogue.products.filter((p) => p.listPrice !== null)).toHaveLength(18);
  });

  it('trims String_Ids and GUIDs', () => {
    for (const p of catalogue.products) {
      expect(p.stringId).toBe(p.stringId.trim());
      expect(p.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(catalogue.product('MCOCAP_FACULTY')?.guid).toBe('420c7602-7f70-4895-9394-d3d679ea36fb');
  });

  it('resolves the ambiguous MCOPSTN5 to its first product and keeps both', () => {
    const both = catalogue.products.filter((p) => p.stringId === 'MCOPSTN5').map((p) => p.guid);
    expect(both).toEqual([
      'd43177b5-475b-4880-92d4-d54c27b5efbd',
      '54a152dc-90de-4996-93d2-bc47e670fc06',
    ]);
    expect(catalogue.product('MCOPSTN5')?.guid).toBe(both[0]);
    expect(catalogue.productByGuid(both[1])?.stringId).toBe('MCOPSTN5');
  });

  it('gives every product at least one service plan, each listed once', () => {
    for (const p of catalogue.products) {
      expect(p.servicePlans.length).toBeGreaterThan(0);
      expect(new Set(p.servicePlans.map((plan) => plan.id)).size).toBe(p.servicePlans.length);
    }
  });

  it('searches display names and String_Ids case-insensitively', () => {
    expect(catalogue.search('enterprisepack')[0]?.stringId).toBe('ENTERPRISEPACK');
    expect(catalogue.search('office 365 e3')[0]?.stringId).toBe('ENTERPRISEPACK');
    expect(catalogue.search('OFFICE E3').map((p) => p.stringId)).toContain('ENTERPRISEPACK');
    expect(catalogue.search('w/o teams bundle_m3').length).toBeGreaterThan(0);
    expect(catalogue.search('office', 5)).toHaveLength(5);
    expect(catalogue.search('   ')).toEqual([]);
    expect(catalogue.search('no such product zzz')).toEqual([]);
  });
});

describe('createCatalogue', () => {
  const plan = { name: 'P', id: '00000000-0000-0000-0000-000000000001', friendlyName: 'Plan' };
  const make = (stringId: string, guid: string, displayName: string): Product => ({
    stringId,
    guid,
    displayName,
    servicePlans: [plan],
    listPrice: null,
    selfService: false,
    maxLicenses: null,
    endOfSale: false,
  });

  it('ranks exact, then prefix, then other matches, each in catalogue order', () => {
    const catalogue = createCatalogue([
      make('X_E3_ADDON', 'a', 'Add-on for E3'),
      make('E3_PLUS', 'b', 'Plus'),
      make('E3', 'c', 'Something'),
    ]);
    expect(catalogue.search('e3').map((p) => p.guid)).toEqual(['c', 'b', 'a']);
  });
});

describe('parseCatalogueData', () => {
  const valid = {
    products: [
      {
        stringId: 'A',
        guid: 'g',
        displayName: 'A product',
        servicePlans: [['P', 'id', 'Plan']],
        listPrice: 100,
        selfService: true,
        maxLicenses: null,
        endOfSale: false,
      },
    ],
  };

  it('turns plan tuples into objects', () => {
    expect(parseCatalogueData(valid)[0]?.servicePlans).toEqual([
      { name: 'P', id: 'id', friendlyName: 'Plan' },
    ]);
  });

  it.each([
    ['not an object', null],
    ['no products', {}],
    ['missing field', { products: [{ ...valid.products[0], stringId: undefined }] }],
    ['bad plan tuple', { products: [{ ...valid.products[0], servicePlans: [['P', 'id']] }] }],
    ['no plans', { products: [{ ...valid.products[0], servicePlans: [] }] }],
    ['fractional price', { products: [{ ...valid.products[0], listPrice: 1.5 }] }],
    ['zero cap', { products: [{ ...valid.products[0], maxLicenses: 0 }] }],
    ['string flag', { products: [{ ...valid.products[0], endOfSale: 'no' }] }],
  ])('rejects %s', (_, data) => {
    expect(() => parseCatalogueData(data)).toThrow(/catalogue data/);
  });
});

describe('generate-catalogue.mjs', () => {
  it('is deterministic and products.json is up to date', () => {
    const dir = tempDir();
    const first = generate(dataDir, join(dir, 'a.json'));
    const second = generate(dataDir, join(dir, 'b.json'));
    expect(first.status, first.stderr).toBe(0);
    expect(second.status, second.stderr).toBe(0);
    const bytes = readFileSync(join(dir, 'a.json'));
    expect(bytes.equals(readFileSync(join(dir, 'b.json')))).toBe(true);
    expect(
      bytes.equals(readFileSync(committedJson)),
      'run: node scripts/generate-catalogue.mjs',
    ).toBe(true);
    // Two child processes read the 569-product CSV: seconds on a busy 2-core machine.
  }, 20_000);

  const header =
    'Product_Display_Name,String_Id,GUID,Service_Plan_Name,Service_Plan_Id,Service_Plans_Included_Friendly_Names';
  const g1 = '11111111-1111-1111-1111-111111111111';
  const g2 = '22222222-2222-2222-2222-222222222222';
  const p1 = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';
  const p2 = 'bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb';
  const pricesHeader =
    'String_Id,list_price_usd_cents_per_user_month,self_service_purchase,max_licenses,end_of_sale';

  function fixture(rows: string[], options: { products?: number; prices?: string[] } = {}) {
    const dir = tempDir();
    writeFileSync(join(dir, 'README.md'), `Data. ${options.products ?? 2} products.\n`);
    writeFileSync(
      join(dir, 'licensing-service-plan-reference.csv'),
      '\uFEFF' + [header, ...rows].join('\r\n') + '\r\n',
    );
    writeFileSync(join(dir, 'prices.csv'), [pricesHeader, ...(options.prices ?? [])].join('\n'));
    const out = join(dir, 'out', 'products.json');
    return { result: generate(dir, out), out };
  }

  const goodRows = [
    `"Suite, ""Plus""",SUITE ,${g1},PLAN_A,${p1},"Plan A, with ""quotes"""`,
    `Suite\u00a0Lite,LITE,${g2},PLAN_A,${p1},"Two\r\nlines"`,
    `"Suite, ""Plus""",SUITE ,${g1},PLAN_B,${p2},Plan B`,
    `"Suite, ""Plus""",SUITE,${g1},PLAN_A_AGAIN,${p1},Plan A renamed`,
  ];

  it('parses quoted fields, trims, groups by GUID and dedupes plans', () => {
    const { result, out } = fixture(goodRows, { prices: ['LITE,500,yes,10,no'] });
    expect(result.status, result.stderr).toBe(0);
    const products = parseCatalogueData(JSON.parse(readFileSync(out, 'utf8')));
    expect(products).toEqual([
      {
        stringId: 'SUITE',
        guid: g1,
        displayName: 'Suite, "Plus"',
        servicePlans: [
          { name: 'PLAN_A', id: p1, friendlyName: 'Plan A, with "quotes"' },
          { name: 'PLAN_B', id: p2, friendlyName: 'Plan B' },
        ],
        listPrice: null,
        selfService: false,
        maxLicenses: null,
        endOfSale: false,
      },
      {
        stringId: 'LITE',
        guid: g2,
        displayName: 'Suite\u00a0Lite',
        servicePlans: [{ name: 'PLAN_A', id: p1, friendlyName: 'Two\r\nlines' }],
        listPrice: 500,
        selfService: true,
        maxLicenses: 10,
        endOfSale: false,
      },
    ]);
  });

  it.each([
    ['the product count differs from the README', goodRows, { products: 3 }, /says 3/],
    ['a price matches no product', goodRows, { prices: ['NOPE,1,no,,no'] }, /NOPE matches no/],
    ['a price is malformed', goodRows, { prices: ['LITE,1.5,no,,no'] }, /whole cents/],
    ['a row has too few fields', [...goodRows, `X,X,${g2},P`], {}, /:7: expected 6 fields/],
    ['a GUID is malformed', [...goodRows, `X,X,not-a-guid,P,${p1},F`], {}, /not a GUID/],
    ['a quote is unterminated', [...goodRows, `X,X,${g2},P,${p1},"F`], {}, /unterminated/],
    ['a GUID changes name', [...goodRows, `Other,LITE,${g2},P,${p2},F`], {}, /already/],
  ])('fails loudly when %s', (_, rows, options, message) => {
    const { result } = fixture(rows, options);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });
});
