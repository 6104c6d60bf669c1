/**
 * The desktop device, in its own thread (it is another computer): each round
 * it opens from the stored state it is handed (op log + snapshot), makes its
 * run of ops, and hands back the Yjs update with just those ops.
 */
import type { TenantKey } from '../src/lib/replica/sealing';
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';
import { loadCatalogue } from '../src/lib/domain/catalogue/catalogue';
import type { Tenant } from '../src/lib/domain/types';
import type { DeviceKeys } from '../src/lib/replica/deviceKeys';
import type { Snapshot } from '../src/lib/replica/snapshot';
import { CommandPicker, type Authors } from './commands';
import { openReplica } from './open';

export interface DesktopInit {
  base: Tenant;
  keys: DeviceKeys;
  tenantKey: TenantKey;
  authors: Authors;
  subscriptionIds: string[];
  userIds: string[];
  seed: number;
}

export interface DesktopRound {
  bytes: Uint8Array;
  snapshot: Snapshot;
  /** Clock of its first op; the next ones follow `spacing` apart. */
  start: number;
  spacing: number;
  count: number;
}

export interface DesktopResult {
  update: Uint8Array;
  refused: number;
  openMs: number;
  workMs: number;
}

const port = parentPort!;
const catalogue = await loadCatalogue();
let init: DesktopInit | null = null;
let picker: CommandPicker | null = null;

port.on('message', (message: { init: DesktopInit } | { round: DesktopRound }) => {
  if ('init' in message) {
    init = message.init;
    picker = new CommandPicker(catalogue, init.subscriptionIds, init.userIds, init.seed);
    port.postMessage('ready');
    return;
  }
  void round(message.round).then((result) =>
    port.postMessage(result, [result.update.buffer as ArrayBuffer]),
  );
});

async function round({ bytes, snapshot, start, spacing, count }: DesktopRound) {
  const { base, keys, tenantKey, authors } = init!;
  const began = performance.now();
  const desktop = await openReplica(
    { device: 'desktop', keys, base, catalogue, tenantKey },
    bytes,
    snapshot,
    start,
  );
  const opened = performance.now();
  const before = Y.encodeStateVector(desktop.doc);
  let refused = 0;
  for (let j = 0; j < count;) {
    const { command, author } = picker!.next(desktop.tenant, authors);
    const outcome = await desktop.execute(command, author, start + j * spacing);
    if (outcome.op) j++;
    else refused++;
  }
  return {
    update: Y.encodeStateAsUpdate(desktop.doc, before),
    refused,
    openMs: opened - began,
    workMs: performance.now() - opened,
  } satisfies DesktopResult;
}
