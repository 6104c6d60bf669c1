import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  WebSocketStatus,
} from '@hocuspocus/provider';
import type * as Y from 'yjs';

export type RelayState = 'connecting' | 'syncing' | 'connected' | 'offline' | 'refused';

export interface RelayStatus {
  state: RelayState;
  /** Local changes the relay has not confirmed yet. */
  unsynced: number;
  detail: string | null;
}

export interface RelayOptions {
  url: string;
  tenant: string;
  token: string;
  /** Node has no WebSocket of its own before v22; tests pass the `ws` package. */
  WebSocketPolyfill?: unknown;
}

/**
 * Passes the tenant's document through a relay while one is reachable; the
 * app works the same without it, and catches up when it comes back.
 */
export function connectRelay(
  doc: Y.Doc,
  options: RelayOptions,
  onStatus: (status: RelayStatus) => void,
): () => void {
  let status: RelayStatus = { state: 'connecting', unsynced: 0, detail: null };
  const report = (change: Partial<RelayStatus>) => {
    status = { ...status, ...change };
    onStatus(status);
  };
  const socket = new HocuspocusProviderWebsocket({
    url: options.url,
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    delay: 500,
    minDelay: 500,
    maxDelay: 10_000,
  });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: options.tenant,
    document: doc,
    token: options.token,
    onStatus: ({ status: socketStatus }) => {
      if (status.state === 'refused') return;
      if (socketStatus === WebSocketStatus.Connected) report({ state: 'syncing', detail: null });
      else if (socketStatus === WebSocketStatus.Disconnected)
        report({
          state: 'offline',
          detail: 'The relay cannot be reached; changes are kept here and sent when it is back.',
        });
      else report({ state: 'connecting' });
    },
    onSynced: ({ state }) => {
      if (state && status.state !== 'refused')
        report({ state: provider.unsyncedChanges > 0 ? 'syncing' : 'connected' });
    },
    onUnsyncedChanges: ({ number }) => {
      if (status.state === 'refused') return;
      report({
        unsynced: number,
        state: number > 0 ? 'syncing' : status.state === 'syncing' ? 'connected' : status.state,
      });
    },
    onAuthenticationFailed: ({ reason }) =>
      report({
        state: 'refused',
        detail: `The relay refused this tenant's token (${reason}). Check the relay address and token.`,
      }),
  });
  provider.attach();
  onStatus(status);
  return () => {
    provider.destroy();
    socket.destroy();
  };
}
