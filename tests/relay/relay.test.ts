// The relay as it runs: a real process (node + tsx) with its own SQLite file, and real
// Hocuspocus providers as clients.
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  startRelayProcess as startRelay,
  stopRelayProcess,
  type RelayProcess,
} from './relayProcess';

// Node 20 has no global WebSocket; @types/ws is not installed, hence require.
const WebSocketPolyfill = createRequire(import.meta.url)('ws') as unknown;

const TENANT = 'tenant-a';
const TOKEN = 'secret-a';
const MAX_MESSAGE_BYTES = 64 * 1024;

interface Client {
  doc: Y.Doc;
  ops: Y.Map<string>;
  provider: HocuspocusProvider;
  authFailed: boolean;
  synced: boolean;
  closed: boolean;
}

let dir: string;
let dbPath: string;
let relay: RelayProcess;
const clients: Client[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seats-relay-'));
  dbPath = path.join(dir, 'relay.sqlite');
  relay = await startRelayProcess();
});

afterEach(() => {
  for (const client of clients.splice(0)) destroy(client);
});

afterAll(async () => {
  if (relay) await stopRelayProcess(relay);
  await rm(dir, { recursive: true, force: true });
});

describe('relay', () => {
  it('listens on RELAY_HOST only', async () => {
    expect(relay.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    // Also loopback on Linux, but not the bound address: reachable only if bound to all.
    const port = Number(new URL(relay.url).port);
    expect(await canConnect('127.0.0.1', port)).toBe(true);
    expect(await canConnect('127.0.0.2', port)).toBe(false);
  });

  it('passes an op from one client to another on the same tenant', async () => {
    const a = await connected(TENANT, TOKEN);
    const b = await connected(TENANT, TOKEN);
    a.ops.set('op-sync', op('sync'));
    await waitFor(() => b.ops.get('op-sync') === op('sync'), 2000, 'op to reach the other client');
  });

  it('refuses a wrong token, no token and an unknown tenant; they receive nothing', async () => {
    const writer = await connected(TENANT, TOKEN);
    writer.ops.set('op-secret', op('secret'));
    const wrong = connect(TENANT, 'not-the-token');
    const none = connect(TENANT, null);
    const stranger = connect('tenant-unknown', 'whatever');
    for (const client of [wrong, none, stranger]) {
      await waitFor(() => client.authFailed, 2000, 'the provider to report authentication failure');
    }
    const c = await connected(TENANT, TOKEN);
    await waitFor(() => c.ops.has('op-secret'), 2000, 'a rightful client to get the op');
    for (const client of [wrong, none, stranger]) {
      expect(client.synced).toBe(false);
      expect(client.ops.size).toBe(0);
    }
    expect(relay.output.join('\n')).not.toContain('not-the-token');
  });

  it('refuses an update that deletes an op', async () => {
    const a = await connected(TENANT, TOKEN);
    const b = await connected(TENANT, TOKEN);
    a.ops.set('op-keep', op('keep'));
    await waitFor(() => b.ops.has('op-keep'), 2000, 'op-keep to reach b');

    const refusals = countLines(/refused an update to tenant "tenant-a".*deletes 1 op/);
    a.ops.delete('op-keep');
    await waitForLine(/refused an update to tenant "tenant-a".*deletes 1 op/, refusals);
    await waitFor(() => a.closed, 2000, 'the relay to drop the refused client');
    await barrier(b);
    expect(b.ops.get('op-keep')).toBe(op('keep'));

    const late = await connected(TENANT, TOKEN);
    expect(late.ops.get('op-keep')).toBe(op('keep'));
  });

  it('refuses an update that overwrites an op with another value', async () => {
    const a = await connected(TENANT, TOKEN);
    const b = await connected(TENANT, TOKEN);
    a.ops.set('op-fixed', op('fixed'));
    await waitFor(() => b.ops.has('op-fixed'), 2000, 'op-fixed to reach b');

    const refusals = countLines(/overwrites 1 op/);
    a.ops.set('op-fixed', op('forged'));
    await waitForLine(/refused an update to tenant "tenant-a".*overwrites 1 op/, refusals);
    await barrier(b);
    expect(b.ops.get('op-fixed')).toBe(op('fixed'));

    const late = await connected(TENANT, TOKEN);
    expect(late.ops.get('op-fixed')).toBe(op('fixed'));
  });

  it('refuses an oversized message and keeps serving others', async () => {
    const big = await connected(TENANT, TOKEN);
    const b = await connected(TENANT, TOKEN);
    const refusals = countLines(/refused a message over/);
    big.ops.set('op-big', 'x'.repeat(MAX_MESSAGE_BYTES * 2));
    await waitForLine(new RegExp(`refused a message over ${MAX_MESSAGE_BYTES} bytes`), refusals);
    destroy(big);

    const c = await connected(TENANT, TOKEN);
    c.ops.set('op-after-big', op('after'));
    await waitFor(() => b.ops.has('op-after-big'), 2000, 'a normal op after the oversized one');
    expect(b.ops.has('op-big')).toBe(false);
    expect(relay.child.exitCode).toBeNull();
  });

  it('keeps ops across a restart on the same database', async () => {
    const a = await connected(TENANT, TOKEN);
    a.ops.set('op-durable', op('durable'));
    const b = await connected(TENANT, TOKEN);
    await waitFor(() => b.ops.has('op-durable'), 2000, 'op-durable to reach the relay');
    destroy(a);
    destroy(b);

    const code = await stopRelayProcess(relay);
    expect(code, `relay exit code; output:\n${relay.output.join('\n')}`).toBe(0);
    relay = await startRelayProcess({ RELAY_OPEN_TENANTS: '1' });

    const fresh = await connected(TENANT, TOKEN);
    for (const key of ['op-sync', 'op-keep', 'op-fixed', 'op-after-big', 'op-durable']) {
      expect(fresh.ops.has(key), key).toBe(true);
    }
    expect(fresh.ops.get('op-fixed')).toBe(op('fixed'));
  });

  it('with open tenants, registers the first token and holds later clients to it', async () => {
    const first = await connected('tenant-new', 'first-token');
    first.ops.set('op-new', op('new'));
    const impostor = connect('tenant-new', 'other-token');
    await waitFor(() => impostor.authFailed, 2000, 'a different token to be refused');
    const again = await connected('tenant-new', 'first-token');
    await waitFor(() => again.ops.has('op-new'), 2000, 'the registered token to work again');
    expect(impostor.ops.size).toBe(0);
    // Configured tenants stay closed to other tokens.
    const wrong = connect(TENANT, 'not-the-token');
    await waitFor(() => wrong.authFailed, 2000, 'a configured tenant to refuse a wrong token');
  });
});

function op(name: string): string {
  return JSON.stringify({ id: `op-${name}`, type: 'test', payload: name });
}

function connect(tenant: string, token: string | null): Client {
  const doc = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: relay.url,
    WebSocketPolyfill,
    delay: 200,
    minDelay: 200,
    maxDelay: 1000,
  });
  const client: Client = {
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
  clients.push(client);
  return client;
}

async function connected(tenant: string, token: string): Promise<Client> {
  const client = connect(tenant, token);
  await waitFor(() => client.synced || client.authFailed, 3000, `a client to sync on ${tenant}`);
  if (client.authFailed) throw new Error(`authentication failed on ${tenant}`);
  return client;
}

function destroy(client: Client): void {
  const { websocketProvider } = client.provider.configuration;
  client.provider.destroy();
  websocketProvider.destroy();
}

/** Once a fresh op from a third client reaches `observer`, anything sent before it has too. */
async function barrier(observer: Client): Promise<void> {
  const marker = await connected(TENANT, TOKEN);
  const key = `op-marker-${Date.now()}-${Math.random()}`;
  marker.ops.set(key, op('marker'));
  await waitFor(() => observer.ops.has(key), 2000, 'the barrier op');
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; relay output:\n` +
          relay.output.slice(-20).join('\n'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function countLines(pattern: RegExp): number {
  return relay.output.filter((line) => pattern.test(line)).length;
}

function waitForLine(pattern: RegExp, seenBefore: number): Promise<void> {
  return waitFor(() => countLines(pattern) > seenBefore, 2000, `relay to log ${String(pattern)}`);
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectTcp({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function startRelayProcess(env: Record<string, string> = {}): Promise<RelayProcess> {
  return startRelay({
    db: dbPath,
    tokens: { [TENANT]: TOKEN },
    maxMessageBytes: MAX_MESSAGE_BYTES,
    env,
  });
}
