import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '../domain/catalogue/catalogue';
import { importAdminCenterCsv } from './adminCenterCsv';
import { fixture, fixtureBytes } from './fixtures';
import { importFiles } from './importFiles';
import { importGraph } from './graphImport';
import { ImportRefused } from './importPreview';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

const skus = { name: 'skus.json', content: fixtureBytes('graph-subscribedSkus.json') };
const users = { name: 'users.json', content: fixtureBytes('graph-users-pages.json') };
const csv = { name: 'users.csv', content: fixtureBytes('admin-center-users.csv') };

function refusal(run: () => unknown): ImportRefused {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportRefused) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('importFiles', () => {
  it('reads the two Graph responses in either order', () => {
    const expected = importGraph({ subscribedSkus: skus, users }, catalogue);
    expect(importFiles([users, skus], catalogue)).toEqual(expected);
    expect(importFiles([skus, users], catalogue)).toEqual(expected);
  });

  it('reads one CSV as the admin center Active users export', () => {
    expect(importFiles([csv], catalogue)).toEqual(importAdminCenterCsv(csv, catalogue));
  });

  it('refuses a lone Graph response, two of a kind, and a CSV with JSON, naming the files', () => {
    expect(refusal(() => importFiles([users], catalogue))).toMatchObject({
      code: 'WHICH_FILES',
      file: 'users.json',
    });
    const again = { ...users, name: 'users-2.json' };
    expect(refusal(() => importFiles([users, again], catalogue))).toMatchObject({
      code: 'WHICH_FILES',
      file: 'users.json, users-2.json',
    });
    expect(refusal(() => importFiles([csv, skus], catalogue)).code).toBe('WHICH_FILES');
  });

  it('passes on why a file cannot be read: broken JSON with its line', () => {
    const broken = {
      name: 'u.json',
      content: fixture('graph-users-pages.json').replace('"DK",', '"DK"'),
    };
    expect(refusal(() => importFiles([skus, broken], catalogue))).toMatchObject({
      code: 'BROKEN_JSON',
      file: 'u.json',
      why: expect.stringMatching(/^broken JSON at line 25: /) as string,
    });
  });
});
