import { openStore } from '../../relay/store';

/**
 * A tenant's Yjs state as the relay keeps it on disk, read with the relay's own store once
 * the relay has stopped (it writes the file whole, and only after a delay). These are the
 * bytes someone who copies the relay's database gets.
 */
export async function storedState(dbPath: string, tenant: string): Promise<Uint8Array | null> {
  const store = await openStore(dbPath);
  try {
    return store.getDocument(tenant);
  } finally {
    await store.close();
  }
}
