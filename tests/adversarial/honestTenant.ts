// The honest side of every attack: a real tenant whose devices sign real ops and pass them
// through the relay, and the check that an attack changed nothing any of them sees.
import { expect } from 'vitest';
import * as Y from 'yjs';
import type { Command } from '../../src/lib/domain/engine';
import type { Replica } from '../../src/lib/replica/replica';
import { testDevices } from '../../src/lib/replica/testDevices';
import { connectRelay, type RelayStatus } from '../../src/lib/replica/transports/relay';
import { WebSocketPolyfill } from '../relay/relayClients';
import { stopRelayProcess, type RelayProcess } from '../relay/relayProcess';
import { storedState } from '../relay/relayStorage';
import { countLines, waitFor } from '../relay/waitFor';

export const TENANT = 'contoso';
export const TOKEN = 'contoso-secret';

export interface HonestTenant {
  /** Op id → signed op, as the honest devices made them. */
  ops: ReadonlyMap<string, string>;
  /** The log as a former device or an old sync file would hand it to an attacker. */
  copyOfLog(): Y.Doc;
  /**
   * A new device joins through the relay and must get exactly the honest ops; then the
   * others come back online, and every replica must hold and show the same as before the
   * attack, as must the relay's database once it has stopped.
   */
  expectIntact(): Promise<void>;
}

/** Two admins' devices each record a change and sync it through the relay, then go offline. */
export async function honestTenant(relay: RelayProcess, db: string): Promise<HonestTenant> {
  const { devices, start } = await testDevices(['laptop', 'phone', 'newcomer'], {
    assignments: [{ user: 'ed', subscription: 'e3' }],
  });
  const [laptop, phone, newcomer] = ['laptop', 'phone', 'newcomer'].map((id) => devices.get(id)!);
  const assign = (users: string[]): Command => ({
    type: 'assignLicenses',
    payload: { subscription: 'e3', users },
  });
  expect((await laptop.execute(assign(['di']), 'ann', start + 60_000)).ok).toBe(true);
  expect((await phone.execute(assign(['bo']), 'cy', start + 120_000)).ok).toBe(true);

  const goOffline = await online(relay, [laptop, phone]);
  await waitFor(relay, () => laptop.opMap.size === 2 && phone.opMap.size === 2, 'both ops');
  goOffline();

  const ops = new Map(laptop.opMap.entries());
  const now = start + 180_000;
  await laptop.refresh(now);
  const honestState = laptop.derivedState();

  return {
    ops,
    copyOfLog() {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(laptop.doc));
      return copy;
    },
    async expectIntact() {
      const rateLimited = countLines(relay, /closed a connection .* messages a second/);
      // Alone, so that no device that knew the ops can write back what the relay lost.
      const leave = [await online(relay, [newcomer])];
      expect(Object.fromEntries(newcomer.opMap.entries())).toEqual(Object.fromEntries(ops));
      leave.push(await online(relay, [laptop, phone]));
      for (const replica of [laptop, phone, newcomer]) {
        await replica.refresh(now);
        expect(Object.fromEntries(replica.opMap.entries()), replica.device).toEqual(
          Object.fromEntries(ops),
        );
        expect(replica.derivedState(), replica.device).toBe(honestState);
        expect(replica.notices, replica.device).toEqual([]);
      }
      expect(countLines(relay, /closed a connection .* messages a second/)).toBe(rateLimited);
      for (const stop of leave) stop();

      expect(await stopRelayProcess(relay)).toBe(0);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, (await storedState(db, TENANT)) ?? new Uint8Array());
      expect(stored.getMap('ops').toJSON()).toEqual(Object.fromEntries(ops));
    },
  };
}

/** Connects the replicas and waits until the relay has confirmed all they hold; returns how to leave. */
export async function online(relay: RelayProcess, replicas: Replica[]): Promise<() => void> {
  const statuses = new Map<string, RelayStatus>();
  const leave = replicas.map((replica) =>
    connectRelay(
      replica.doc,
      { url: relay.url, tenant: TENANT, token: TOKEN, WebSocketPolyfill },
      (status) => statuses.set(replica.device, status),
    ),
  );
  await waitFor(
    relay,
    () =>
      replicas.every(({ device }) => {
        const status = statuses.get(device);
        return status?.state === 'connected' && status.unsynced === 0;
      }),
    `${replicas.map((r) => r.device).join(' and ')} to sync with the relay`,
  );
  return () => leave.forEach((stop) => stop());
}
