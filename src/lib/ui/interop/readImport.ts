import { createCatalogue } from '$lib/domain/catalogue/create';
import type { Product } from '$lib/domain/catalogue/types';
import { importFiles } from '$lib/interop/importFiles';
import {
  ImportRefused,
  type ImportPreview,
  type ImportRefusalCode,
} from '$lib/interop/importPreview';
import { MAX_IMPORT_BYTES } from '$lib/interop/importText';

/** What the page sends the worker: the picked files and the catalogue's products. */
export interface ImportRequest {
  files: File[];
  products: readonly Product[];
}

export type ImportReply =
  | { kind: 'progress'; done: number; total: number }
  | { kind: 'read'; preview: ImportPreview }
  | { kind: 'refused'; file: string; code: ImportRefusalCode; why: string }
  | { kind: 'failed'; message: string };

/**
 * The worker's job: read the files and answer with the preview, or why they cannot be imported.
 * A file is read no further than one byte past the limit, so a huge one is refused unread.
 */
export async function readImport(
  request: ImportRequest,
  post: (reply: ImportReply) => void,
): Promise<void> {
  try {
    const files = await Promise.all(
      request.files.map(async (file) => ({
        name: file.name,
        content: new Uint8Array(await file.slice(0, MAX_IMPORT_BYTES + 1).arrayBuffer()),
      })),
    );
    const preview = importFiles(files, createCatalogue(request.products), (done, total) =>
      post({ kind: 'progress', done, total }),
    );
    post({ kind: 'read', preview });
  } catch (error) {
    if (error instanceof ImportRefused) {
      post({ kind: 'refused', file: error.file, code: error.code, why: error.why });
    } else {
      post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }
}
