import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { importAdminCenterCsv } from './adminCenterCsv';
import { fixture, fixtureBytes } from './fixtures';
import { MAX_IMPORT_BYTES } from './importText';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const FILE = 'admin-center-users.csv';
const csv = () => ({ name: FILE, content: fixtureBytes(FILE) });

function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

describe('importAdminCenterCsv', () => {
  it('reads people, products joined by +, and Unlicensed, past a BOM and CRLF', () => {
    const preview = importAdminCenterCsv(csv(), catalogue);
    expect(preview.counts).toEqual({ users: 7, subscriptions: 4, assignments: 7 });
    expect(preview.payload.users[0]).toEqual({
      id: 'asa.odegard@fabrikam.example',
      displayName: 'Åsa Ødegård',
      usageLocation: 'NO',
      department: 'Økonomi',
    });
    expect(preview.payload.users[1].department).toBe('Sales, Nordics');
    expect(preview.payload.subscriptions).toEqual([
      { id: 'enterprisepack', product: 'ENTERPRISEPACK', total: 2, status: 'Active' },
      { id: 'flow_free', product: 'FLOW_FREE', total: 1, status: 'Active' },
      { id: 'spe_e3', product: 'SPE_E3', total: 3, status: 'Active' },
      { id: 'ems', product: 'EMS', total: 1, status: 'Active' },
    ]);
    const mikkel = preview.payload.assignments.filter((a) => a.user.startsWith('mikkel'));
    expect(mikkel).toEqual([]);
  });

  it('names each unreadable row by its line and why, and keeps going', () => {
    const { problems, payload, notes } = importAdminCenterCsv(csv(), catalogue);
    expect(problems.map((p) => p.where)).toEqual([
      `${FILE} line 9`,
      `${FILE} line 10`,
      `${FILE} line 11`,
      `${FILE} line 12`,
    ]);
    expect(problems.map((p) => p.why)).toEqual([
      expect.stringContaining('closing quote'),
      'has no user principal name',
      'ASA.ODEGARD@fabrikam.example appears twice; the first is kept',
      'has 3 fields; the header has 14',
    ]);
    // A product the catalogue lacks is kept, not dropped (issue 6), and said so.
    expect(payload.unknownProducts).toEqual([
      {
        skuId: null,
        name: 'Fabrikam Lab Add-on',
        purchased: null,
        holders: ['oskar.holm@fabrikam.example'],
      },
    ]);
    const why = notes.map((n) => n.why);
    expect(why).toContainEqual(
      expect.stringContaining('"Fabrikam Lab Add-on", which is not a product'),
    );
    expect(why).toContainEqual(
      expect.stringContaining('ingrid.berg@fabrikam.example: sign-in is blocked'),
    );
    expect(why).toContainEqual(
      expect.stringContaining('usage location "Sweden" is not a country code'),
    );
  });

  it('finds columns by name whatever their case, spacing and order', () => {
    const text = 'licenses,USER PRINCIPAL NAME,display_name\nOffice 365 E3,a@x.example,A\n';
    const preview = importAdminCenterCsv({ name: 'a.csv', content: text }, catalogue);
    expect(preview.payload.users).toEqual([
      { id: 'a@x.example', displayName: 'A', usageLocation: null, department: null },
    ]);
    expect(preview.counts.assignments).toBe(1);
  });

  it('refuses a file without the columns it needs, naming them', () => {
    expect(() =>
      importAdminCenterCsv({ name: 'b.csv', content: 'Name,Email\nA,a@x.example\n' }, catalogue),
    ).toThrow(
      `b.csv: is not the admin center's Active users export: it has no "User principal name", "Display name", "Licenses" columns`,
    );
  });

  it('decodes a UTF-16 file with its byte order mark to the same result', () => {
    const text = fixture(FILE).replace(/^\uFEFF/, '');
    const preview = importAdminCenterCsv({ name: FILE, content: utf16le(text) }, catalogue);
    expect(preview).toEqual(importAdminCenterCsv(csv(), catalogue));
  });

  it('refuses UTF-16 that was read as UTF-8 text, and UTF-16 bytes without a BOM', () => {
    const text = fixture(FILE).replace(/^\uFEFF/, '');
    const mangled = String.fromCharCode(...utf16le(text).subarray(2, 400));
    expect(() => importAdminCenterCsv({ name: FILE, content: mangled }, catalogue)).toThrow(
      /looks like UTF-16 text read as UTF-8/,
    );
    expect(() =>
      importAdminCenterCsv({ name: FILE, content: utf16le(text).subarray(2) }, catalogue),
    ).toThrow(/UTF-16 without a byte order mark/);
  });

  it('refuses a file over 30 MB before reading it', () => {
    let read = false;
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(() =>
      importAdminCenterCsv({ name: 'big.csv', content: huge }, catalogue, () => (read = true)),
    ).toThrow('big.csv: is larger than 30 MB');
    expect(read).toBe(false);
  });

  it('is the same every time', () => {
    expect(importAdminCenterCsv(csv(), catalogue)).toEqual(importAdminCenterCsv(csv(), catalogue));
  });
});
