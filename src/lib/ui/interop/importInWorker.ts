import type { Product } from '$lib/domain/catalogue/types';
import type { ImportReply, ImportRequest } from './readImport';

export type ImportOutcome = Exclude<ImportReply, { kind: 'progress' }>;

/** Reads the files in a worker of its own, reporting progress; the worker ends with the answer. */
export function importInWorker(
  files: File[],
  products: readonly Product[],
  onProgress: (done: number, total: number) => void,
): Promise<ImportOutcome> {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  return new Promise<ImportOutcome>((resolve) => {
    worker.onmessage = (event: MessageEvent<ImportReply>) => {
      const reply = event.data;
      if (reply.kind === 'progress') return onProgress(reply.done, reply.total);
      worker.terminate();
      resolve(reply);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ kind: 'failed', message: event.message || 'The import worker did not start.' });
    };
    const request: ImportRequest = { files, products };
    worker.postMessage(request);
  });
}
