import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { importAdminCenterCsv } from './adminCenterCsv';
import { licensesReportCsv, USER_COLUMNS, usersCsv } from './csvExport';
import { csvCell, csvText } from './csvWriter';
import { readCsv } from './csvReader';
import { RecordedLog } from './recordedLog';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

function tenant() {
  const recorded = new RecordedLog(catalogue);
  recorded.run({
    type: 'importTenant',
    payload: {
      users: [
        {
          id: 'asa@x.example',
          displayName: 'Åsa Ødegård',
          usageLocation: 'NO',
          department: 'Økonomi',
        },
        {
          id: 'evil@x.example',
          displayName: "=cmd|' /C calc'!A0",
          usageLocation: 'SE',
          department: '@SUM(1+1)',
        },
        {
          id: 'gone@x.example',
          displayName: 'Gone',
          usageLocation: 'SE',
          deletedAt: '2026-11-01T00:00:00Z',
        },
      ],
      subscriptions: [
        { id: 'e3', product: 'ENTERPRISEPACK', total: 10 },
        { id: 'e3-annual', product: 'ENTERPRISEPACK', total: 12, billingFrequency: 'annual' },
        { id: 'ems', product: 'EMS', total: 2, status: 'Expired' },
      ],
      assignments: [
        { user: 'asa@x.example', subscription: 'e3' },
        { user: 'asa@x.example', subscription: 'ems' },
        { user: 'evil@x.example', subscription: 'e3-annual' },
      ],
    },
  });
  expect(recorded.lastOutcome()).toBeNull();
  return recorded;
}

describe('csvCell', () => {
  it('makes formula-looking cells inert with a leading quote', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvCell('Sales, Nordics')).toBe('"Sales, Nordics"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(12)).toBe('12');
  });

  it('writes UTF-8 with a BOM and CRLF', () => {
    expect(
      csvText([
        ['a', 'b'],
        ['Åsa', '=1'],
      ]),
    ).toBe("\uFEFFa,b\r\nÅsa,'=1\r\n");
  });
});

describe('usersCsv', () => {
  it('lists active users in the admin center columns, neutralised, and reads back', () => {
    const recorded = tenant();
    const text = usersCsv(recorded.tenant, recorded.time, catalogue);
    const { records } = readCsv(text.replace(/^\uFEFF/, ''));
    expect(records[0].fields).toEqual([...USER_COLUMNS]);
    const column = (name: (typeof USER_COLUMNS)[number]) =>
      records.slice(1).map((r) => r.fields[USER_COLUMNS.indexOf(name)]);
    expect(column('User principal name')).toEqual([
      'admin@fabrikam.example',
      'asa@x.example',
      'evil@x.example',
    ]);
    expect(column('Display name')).toEqual([
      'Fabrikam Admin',
      'Åsa Ødegård',
      "'=cmd|' /C calc'!A0",
    ]);
    expect(column('Department')).toEqual(['', 'Økonomi', "'@SUM(1+1)"]);
    expect(column('Licenses')).toEqual([
      'Unlicensed',
      'Enterprise Mobility + Security E3+Office 365 E3',
      'Office 365 E3',
    ]);

    const again = importAdminCenterCsv({ name: 'users.csv', content: text }, catalogue);
    expect(again.problems).toEqual([]);
    expect(again.payload.assignments).toEqual([
      { user: 'asa@x.example', subscription: 'ems', disabledPlans: [] },
      { user: 'asa@x.example', subscription: 'enterprisepack', disabledPlans: [] },
      { user: 'evil@x.example', subscription: 'enterprisepack', disabledPlans: [] },
    ]);
  });
});

describe('licensesReportCsv', () => {
  it("gives the engine's counts per product and what the unused licenses cost a month", () => {
    const recorded = tenant();
    const text = licensesReportCsv(recorded.tenant, recorded.time, catalogue);
    expect(text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'Product,String ID,Valid,Expired,Assigned,Available,Monthly cost of unused licenses,Currency',
      // EMS is expired: its licenses are not valid, so none are free to assign.
      'Enterprise Mobility + Security E3,EMS,0,2,1,0,0.00,USD',
      // 9 monthly at 23.00 and 11 annual at 276.00 a year: 207.00 + 253.00.
      'Office 365 E3,ENTERPRISEPACK,22,0,2,20,460.00,USD',
      '',
    ]);
  });
});
