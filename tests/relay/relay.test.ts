// The relay as it runs: a real process (node + tsx) with its own SQLite file, and real
// Hocuspocus providers as clients. Attacks on it are in tests/adversarial.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RelayClients } from './relayClients';
import {
  startRelayProcess as startRelay,
  stopRelayProcess,
  type RelayProcess,
} from './relayProcess';
import { waitFor } from './waitFor';

const TENANT = 'tenant-a';
const TOKEN = 'secret-a';

let dir: string;
let dbPath: string;
let relay: RelayProcess;
const clients = new RelayClients(() => relay);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seats-relay-'));
  dbPath = path.join(dir, 'relay.sqlite');
  relay = await startRelayProcess();
});

afterEach(() => clients.destroyAll());

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
    const a = await clients.connected(TENANT, TOKEN);
    const b = await clients.connected(TENANT, TOKEN);
    a.ops.set('op-sync', op('sync'));
    await waitFor(relay, () => b.ops.get('op-sync') === op('sync'), 'op to reach the other client');
  });

  it('keeps ops across a restart on the same database', async () => {
    const a = await clients.connected(TENANT, TOKEN);
    a.ops.set('op-durable', op('durable'));
    const b = await clients.connected(TENANT, TOKEN);
    await waitFor(relay, () => b.ops.has('op-durable'), 'op-durable to reach the relay');
    clients.destroyAll();

    const code = await stopRelayProcess(relay);
    expect(code, `relay exit code; output:\n${relay.output.join('\n')}`).toBe(0);
    relay = await startRelayProcess({ RELAY_OPEN_TENANTS: '1' });

    const fresh = await clients.connected(TENANT, TOKEN);
    expect(fresh.ops.get('op-sync')).toBe(op('sync'));
    expect(fresh.ops.get('op-durable')).toBe(op('durable'));
  });

  it('with open tenants, registers the first token and holds later clients to it', async () => {
    const first = await clients.connected('tenant-new', 'first-token');
    first.ops.set('op-new', op('new'));
    const impostor = clients.connect('tenant-new', 'other-token');
    await waitFor(relay, () => impostor.authFailed, 'a different token to be refused');
    const again = await clients.connected('tenant-new', 'first-token');
    await waitFor(relay, () => again.ops.has('op-new'), 'the registered token to work again');
    expect(impostor.ops.size).toBe(0);
    // Configured tenants stay closed to other tokens.
    const wrong = clients.connect(TENANT, 'not-the-token');
    await waitFor(relay, () => wrong.authFailed, 'a configured tenant to refuse a wrong token');
  });
});

function op(name: string): string {
  return JSON.stringify({ id: `op-${name}`, type: 'test', payload: name });
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
  return startRelay({ db: dbPath, tokens: { [TENANT]: TOKEN }, env });
}
