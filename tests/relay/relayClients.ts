// Plain Hocuspocus providers on a relay: clients that do whatever a test tells their Yjs
// document, honest or not.
import { createRequire } from 'node:module';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as Y from 'yjs';
import type { RelayProcess } from './relayProcess';
import { waitFor } from './waitFor';

// Node 20 has no global WebSocket; @types/ws is not installed, hence require.
export const WebSocketPolyfill = createRequire(import.meta.url)('ws') as unknown;

export interface RelayClient {
  doc: Y.Doc;
  ops: Y.Map<string>;
  provider: HocuspocusProvider;
  authFailed: boolean;
  synced: boolean;
  closed: boolean;
}

/** Clients of one relay (read anew each time: a test may restart it), destroyed together. */
export class RelayClients {
  private readonly open: RelayClient[] = [];

  constructor(private readonly relay: () => RelayProcess) {}

  connect(tenant: string, token: string | null): RelayClient {
    const doc = new Y.Doc();
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: this.relay().url,
      WebSocketPolyfill,
      delay: 200,
      minDelay: 200,
      maxDelay: 1000,
    });
    const client: RelayClient = {
      doc,
      ops: doc.getMap<string>('ops'),
      authFailed: false,
      synced: false,
      closed: false,
      provider: new HocuspocusProvider({
        websocketProvider,
        name: tenant,
        document: doc,
        token,
        onAuthenticationFailed: () => (client.authFailed = true),
        onSynced: () => (client.synced = true),
        onClose: () => (client.closed = true),
      }),
    };
    client.provider.attach();
    this.open.push(client);
    return client;
  }

  async connected(tenant: string, token: string): Promise<RelayClient> {
    const client = this.connect(tenant, token);
    await waitFor(
      this.relay(),
      () => client.synced || client.authFailed,
      `a client to sync on ${tenant}`,
    );
    if (client.authFailed) throw new Error(`authentication failed on ${tenant}`);
    return client;
  }

  destroy(client: RelayClient): void {
    const { websocketProvider } = client.provider.configuration;
    client.provider.destroy();
    websocketProvider.destroy();
    const index = this.open.indexOf(client);
    if (index >= 0) this.open.splice(index, 1);
  }

  destroyAll(): void {
    for (const client of [...this.open]) this.destroy(client);
  }
}
