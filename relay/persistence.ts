import { Database } from '@hocuspocus/extension-database';
import type { RelayStore } from './store';

/** One row per tenant document, holding its whole Yjs state. */
export function persistenceExtension(store: RelayStore): Database {
  return new Database({
    fetch: ({ documentName }) => Promise.resolve(store.getDocument(documentName)),
    store: ({ documentName, state }) => {
      store.putDocument(documentName, state);
      return Promise.resolve();
    },
  });
}
