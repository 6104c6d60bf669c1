import { Server } from '@hocuspocus/server';
import type { Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { AppendOnlyGuard, appendOnlyExtension } from './append-only';
import { authExtension } from './auth';
import type { RelayOptions } from './config';
import { persistenceExtension } from './persistence';
import { limitMessageRate } from './rate-limit';
import { dropAllSockets, logSocketErrorsBriefly } from './sockets';
import { openStore } from './store';

export type { RelayOptions } from './config';

export interface Relay {
  port: number;
  /** Stores every loaded document, closes all connections and writes the database file. */
  stop(): Promise<void>;
}

const DESTROY_TIMEOUT_MS = 5000;

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const store = await openStore(options.dbPath);
  const extensions: Extension[] = [
    authExtension({ tokens: options.tokens, openTenants: options.openTenants, registry: store }),
    appendOnlyExtension(new AppendOnlyGuard()),
    persistenceExtension(store),
  ];
  if (options.redisUrl) {
    // Loaded only when asked for: ioredis costs ~200 ms of startup.
    const { redisExtension } = await import('./redis');
    extensions.push(redisExtension(options.redisUrl));
  }

  const server = new Server(
    {
      quiet: true,
      // The relay installs its own handlers, which flush the database file before exiting.
      stopOnSignals: false,
      debounce: options.storeDebounceMs ?? 500,
      maxDebounce: 5000,
      extensions,
    },
    { maxPayload: options.maxMessageBytes },
  );
  logSocketErrorsBriefly(server.webSocketServer, options.maxMessageBytes);
  limitMessageRate(server.webSocketServer, options.rateLimit);

  try {
    await listen(server, options.port, options.host);
  } catch (error) {
    await store.close();
    throw error;
  }

  const stop = async (): Promise<void> => {
    // destroy() waits for every document to be stored and unloaded; bound it so that a
    // stuck extension (an unreachable Redis) cannot keep the relay from exiting.
    await Promise.race([server.destroy(), delay(DESTROY_TIMEOUT_MS)]);
    for (const [name, document] of server.hocuspocus.documents) {
      store.putDocument(name, Y.encodeStateAsUpdate(document));
    }
    dropAllSockets(server.webSocketServer);
    await store.close();
  };
  let stopping: Promise<void> | undefined;

  return { port: boundPort(server), stop: () => (stopping ??= stop()) };
}

// Server.listen() of Hocuspocus 3.4 passes the bind address as `address`, which Node's
// listen() ignores (it wants `host`), so it would listen on every interface; and a busy
// port becomes an unhandled 'error' event instead of a rejection.
async function listen(server: Server, port: number, host: string): Promise<void> {
  const http = server.httpServer;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen({ port, host }, () => {
      http.off('error', reject);
      resolve();
    });
  });
  await server.hocuspocus.hooks('onListen', {
    instance: server.hocuspocus,
    configuration: server.configuration,
    port: boundPort(server),
  });
}

function boundPort(server: Server): number {
  const address = server.httpServer.address();
  if (typeof address !== 'object' || !address) throw new Error('the relay is not listening');
  return address.port;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
