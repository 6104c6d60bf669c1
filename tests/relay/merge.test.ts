// Two devices' offline work, merged through a real relay process (SYNC-1..4).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRelay, type RelayStatus } from '../../src/lib/replica/transports/relay';
import { testDevices } from '../../src/lib/replica/testDevices';
import { WebSocketPolyfill } from './relayClients';
import { startRelayProcess, stopRelayProcess, type RelayProcess } from './relayProcess';
import { waitFor } from './waitFor';

const TENANT = 'contoso';
const TOKEN = 'contoso-secret';

let dir: string;
let relay: RelayProcess;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seats-merge-'));
  relay = await startRelayProcess({
    db: path.join(dir, 'relay.sqlite'),
    tokens: { [TENANT]: TOKEN },
  });
});

afterAll(async () => {
  if (relay) await stopRelayProcess(relay);
  await rm(dir, { recursive: true, force: true });
});

describe('merging through the relay', () => {
  it('two admins each take the last license offline; online, both show one assignment and one conflict', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone'], {
      assignments: [
        { user: 'ed', subscription: 'e3' },
        { user: 'bo', subscription: 'e3' },
      ],
    });
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    expect(
      (
        await laptop.execute(
          { type: 'assignLicenses', payload: { subscription: 'e3', users: ['di'] } },
          'ann',
          start + 60_000,
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await phone.execute(
          { type: 'assignLicenses', payload: { subscription: 'e3', users: ['cy'] } },
          'cy',
          start + 120_000,
        )
      ).ok,
    ).toBe(true);

    const statuses: Record<string, RelayStatus> = {};
    const disconnect = [laptop, phone].map((replica) =>
      connectRelay(
        replica.doc,
        { url: relay.url, tenant: TENANT, token: TOKEN, WebSocketPolyfill },
        (status) => {
          statuses[replica.device] = status;
        },
      ),
    );
    try {
      await waitFor(
        relay,
        () => laptop.opMap.size === 2 && phone.opMap.size === 2,
        'both devices to hold both ops',
      );
      await waitFor(
        relay,
        () => statuses['laptop']?.unsynced === 0 && statuses['phone']?.unsynced === 0,
        'the relay to confirm every change',
      );
      const now = start + 180_000;
      await laptop.refresh(now);
      await phone.refresh(now);
      expect(laptop.derivedState()).toBe(phone.derivedState());
      expect(laptop.query('licenses', { subscription: 'e3' }, now)).toMatchObject({
        value: { assigned: 3, available: 0 },
      });
      expect(phone.conflicts.map((c) => [c.by, c.device, c.do, c.code])).toEqual([
        ['cy', 'phone', 'assignLicenses', 'COUNT_VIOLATION'],
      ]);
      expect(statuses['phone']?.state).toBe('connected');
    } finally {
      for (const stop of disconnect) stop();
    }
  }, 20_000);

  it('reports a refused token plainly, and the device keeps working offline', async () => {
    const { devices, start } = await testDevices(['laptop']);
    const laptop = devices.get('laptop')!;
    let status: RelayStatus | undefined;
    const stop = connectRelay(
      laptop.doc,
      { url: relay.url, tenant: TENANT, token: 'wrong', WebSocketPolyfill },
      (s) => (status = s),
    );
    try {
      await waitFor(relay, () => status?.state === 'refused', 'the relay to refuse the token');
      expect(status?.detail).toMatch(/refused this tenant's token/);
      expect(
        (
          await laptop.execute(
            { type: 'assignLicenses', payload: { subscription: 'e3', users: ['di'] } },
            'ann',
            start + 1000,
          )
        ).ok,
      ).toBe(true);
    } finally {
      stop();
    }
  }, 20_000);
});
