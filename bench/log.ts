/**
 * Makes the op log through real replicas on two devices, working in rounds.
 * Each round both devices open from the stored state they share (op log +
 * snapshot: the app's start path, store/tenantSession.ts), then work at once
 * without seeing each other: the laptop (main thread) makes its run of ops,
 * the desktop (a worker thread: it is another computer) its own, decided on
 * the same starting state and clocked after the laptop's. The desktop then
 * hands its ops to the laptop (one-way sync) and both close. The merged log
 * alternates laptop and desktop runs, and some desktop ops conflict at replay
 * (seats taken meanwhile, licenses removed meanwhile), as with two admins
 * working offline.
 *
 * Why not keep two replicas open and syncPair every round: each replica then
 * replays every op, and the one that receives earlier ops rewinds and replays
 * the round again. Reopening each round keeps the log to one replay, and the
 * log the same as the one the figures in README.md were measured on.
 */
import * as Y from 'yjs';
import type { Catalogue } from '../src/lib/domain/catalogue/catalogue';
import type { Tenant } from '../src/lib/domain/types';
import { createDeviceKeys, type DeviceKeys } from '../src/lib/replica/deviceKeys';
import { Replica } from '../src/lib/replica/replica';
import { newTenantKey } from '../src/lib/replica/sealing';
import { CommandPicker, type Authors } from './commands';
import type { DesktopInit, DesktopResult, DesktopRound } from './desktop';
import { openReplica, replicaOptions, type Device } from './open';
import { START } from './tenant';
import { nextMessage, tsWorker } from './worker';

/** Time between two ops of the merged log. */
export const OP_SPACING_MS = 20_000;

export const AUTHORS: Record<string, Authors> = {
  laptop: { assign: ['admin-cy', 'admin-ann'], buy: ['admin-bo'] },
  desktop: { assign: ['admin-di', 'admin-ed'], buy: [] },
  // Enrolled, but offline all along: it makes the late op.
  tablet: { assign: ['admin-cy'], buy: [] },
};

/**
 * As `createDevices` (scenario/devices.ts) does, but keeping each device's keys,
 * so the bench can open a device's replica again later (a restart).
 */
export async function enrol(
  names: string[],
  given: Tenant,
  catalogue: Catalogue,
  start: number,
): Promise<{ base: Tenant; devices: Map<string, Device> }> {
  const base = structuredClone(given);
  const keys = new Map<string, DeviceKeys>();
  for (const id of names) {
    const pair = await createDeviceKeys();
    keys.set(id, pair);
    base.devices[id] = { id, publicKey: pair.publicJwk, person: null, enrolledAt: start };
  }
  const tenantKey = newTenantKey();
  const devices = new Map(
    names.map((device) => [
      device,
      { device, keys: keys.get(device)!, base, catalogue, tenantKey },
    ]),
  );
  return { base, devices };
}

export interface LogOptions {
  ops: number;
  /** Ops the laptop, then the desktop, make in one round. */
  laptopRun: number;
  desktopRun: number;
  seed: number;
  /** Called as each round starts, with the state both devices start from. */
  onRound?: (opCount: number, tenant: Tenant) => void;
  progress?: (done: number, total: number) => void;
}

export interface Log {
  laptop: Replica;
  devices: Map<string, Device>;
  base: Tenant;
  pickers: Map<string, CommandPicker>;
  /** The clock after the last op. */
  end: number;
  rounds: number;
  /** Commands refused on the device that tried them (no op recorded). */
  refusedLocally: number;
  /** Time to open the laptop, then the desktop (restore from snapshot), summed over rounds. */
  laptopOpenMs: number;
  desktopOpenMs: number;
  /** The main thread waiting for the desktop after its own run. */
  waitMs: number;
}

export async function makeLog(
  given: Tenant,
  catalogue: Catalogue,
  subscriptionIds: string[],
  userIds: string[],
  options: LogOptions,
): Promise<Log> {
  const { base, devices } = await enrol(Object.keys(AUTHORS), given, catalogue, START);
  const pickers = new Map(
    Object.keys(AUTHORS).map((name, i) => [
      name,
      new CommandPicker(catalogue, subscriptionIds, userIds, options.seed + i),
    ]),
  );
  let laptop = new Replica(replicaOptions(devices.get('laptop')!));
  const laptopPicker = pickers.get('laptop')!;
  const worker = tsWorker(new URL('./desktop.ts', import.meta.url));
  const log: Log = {
    laptop,
    devices,
    base,
    pickers,
    end: START + 60_000,
    rounds: 0,
    refusedLocally: 0,
    laptopOpenMs: 0,
    desktopOpenMs: 0,
    waitMs: 0,
  };
  try {
    const init: DesktopInit = {
      base,
      keys: devices.get('desktop')!.keys,
      tenantKey: devices.get('desktop')!.tenantKey,
      authors: AUTHORS.desktop,
      subscriptionIds,
      userIds,
      seed: options.seed + 1,
    };
    worker.postMessage({ init });
    await nextMessage(worker);

    const share = options.desktopRun / (options.laptopRun + options.desktopRun);
    while (laptop.opCount < options.ops) {
      const left = options.ops - laptop.opCount;
      const desktopRun = Math.min(options.desktopRun, Math.round(left * share));
      const laptopRun = Math.min(options.laptopRun, left - desktopRun);
      const clock = log.end;

      options.onRound?.(laptop.opCount, laptop.tenant);
      // The desktop opens on the state both share now, and works while the laptop does.
      const round: DesktopRound = {
        bytes: Y.encodeStateAsUpdate(laptop.doc),
        snapshot: await laptop.snapshot(),
        start: clock + laptopRun * OP_SPACING_MS,
        spacing: OP_SPACING_MS,
        count: desktopRun,
      };
      const desktopDone = nextMessage<DesktopResult>(worker);
      worker.postMessage({ round });
      // The laptop, too, starts the round from its stored state (a restart).
      if (log.rounds > 0) {
        const opened = performance.now();
        laptop = await openReplica(devices.get('laptop')!, round.bytes, round.snapshot, clock);
        log.laptopOpenMs += performance.now() - opened;
      }

      for (let j = 0; j < laptopRun;) {
        const now = clock + j * OP_SPACING_MS;
        const { command, author } = laptopPicker.next(laptop.tenant, AUTHORS.laptop);
        const outcome = await laptop.execute(command, author, now);
        if (!outcome.op) {
          log.refusedLocally++;
          continue;
        }
        j++;
      }
      const waited = performance.now();
      const desktop = await desktopDone;
      log.waitMs += performance.now() - waited;
      log.desktopOpenMs += desktop.openMs;
      log.refusedLocally += desktop.refused;

      log.end = clock + (laptopRun + desktopRun) * OP_SPACING_MS;
      Y.applyUpdate(laptop.doc, desktop.update, 'sync');
      await laptop.refresh(log.end);
      log.rounds++;
      options.progress?.(laptop.opCount, options.ops);
    }
  } finally {
    await worker.terminate();
  }
  log.laptop = laptop;
  return log;
}
