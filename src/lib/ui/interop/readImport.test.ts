import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogue, type Catalogue } from '$lib/domain/catalogue/catalogue';
import { fixture, fixtureBytes } from '$lib/interop/fixtures';
import { MAX_IMPORT_BYTES } from '$lib/interop/importText';
import { readImport, type ImportReply } from './readImport';

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

async function replies(...files: File[]): Promise<ImportReply[]> {
  const posted: ImportReply[] = [];
  await readImport({ files, products: catalogue.products }, (reply) => posted.push(reply));
  return posted;
}

const file = (name: string, content: string | Uint8Array = fixtureBytes(name)) =>
  new File([typeof content === 'string' ? content : new Uint8Array(content)], name);

describe('readImport, the worker’s job', () => {
  it('reads the Graph files, reporting progress before the preview', async () => {
    const posted = await replies(file('graph-users-pages.json'), file('graph-subscribedSkus.json'));
    expect(posted.at(-2)).toEqual({ kind: 'progress', done: 10, total: 10 });
    const last = posted.at(-1);
    expect(last?.kind === 'read' && last.preview.counts).toEqual({
      users: 8,
      subscriptions: 4,
      assignments: 8,
    });
  });

  it('answers with the code and the specifics when a file cannot be imported', async () => {
    const broken = fixture('graph-users-pages.json').replace('"DK",', '"DK"');
    expect(await replies(file('graph-subscribedSkus.json'), file('u.json', broken))).toEqual([
      {
        kind: 'refused',
        file: 'u.json',
        code: 'BROKEN_JSON',
        why: expect.stringMatching(/^broken JSON at line 25/) as string,
      },
    ]);
  });

  it('refuses a file over 30 MB', async () => {
    const huge = file('big.csv', new Uint8Array(MAX_IMPORT_BYTES + 1024));
    expect(await replies(huge)).toMatchObject([{ kind: 'refused', code: 'TOO_BIG' }]);
  });
});
