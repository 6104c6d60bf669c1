// What someone who copies the relay's database learns of a tenant that seals its ops:
// which op ids exist and how big they are, and nothing of the people or licenses in them.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDeviceKeys } from '../../src/lib/replica/deviceKeys';
import { createWrapKeys } from '../../src/lib/replica/keyShares';
import { OpCipher } from '../../src/lib/replica/opCipher';
import { Replica } from '../../src/lib/replica/replica';
import { newTenantKey, SEALED_PREFIX } from '../../src/lib/replica/sealing';
import { testDevices } from '../../src/lib/replica/testDevices';
import { startRelayProcess, stopRelayProcess, type RelayProcess } from '../relay/relayProcess';
import { storedState } from '../relay/relayStorage';
import { waitFor } from '../relay/waitFor';
import { online, TENANT, TOKEN } from './honestTenant';

const MS = 30_000;

let dir: string;
let db: string;
let relay: RelayProcess;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seats-sealed-'));
  db = path.join(dir, 'relay.sqlite');
  relay = await startRelayProcess({ db, tokens: { [TENANT]: TOKEN } });
}, MS);

afterEach(async () => {
  if (relay) await stopRelayProcess(relay);
  await rm(dir, { recursive: true, force: true });
});

it(
  "the relay's storage holds no readable tenant data; a device enrolled by its code reads it all",
  async () => {
    const { base, catalogue, start, keysOf } = await testDevices(['laptop']);
    const laptop = new Replica({
      device: 'laptop',
      keys: keysOf('laptop'),
      base,
      catalogue,
      sealing: new OpCipher([newTenantKey()]),
      wrapKeys: await createWrapKeys(),
    });
    const [phoneKeys, phoneWrap] = await Promise.all([createDeviceKeys(), createWrapKeys()]);
    const phone = new Replica({
      device: 'phone',
      keys: phoneKeys,
      base,
      catalogue,
      sealing: new OpCipher([]),
      wrapKeys: phoneWrap,
    });
    const run = async (type: string, payload: unknown, at: number) =>
      expect((await laptop.execute({ type, payload }, 'ann', start + at)).ok).toBe(true);
    await run('addUser', { id: 'asa.odegard', displayName: 'Åsa Ødegård', usageLocation: 'NO' }, 1);
    await run('assignLicenses', { subscription: 'e3', users: ['asa.odegard'] }, 2);
    await run(
      'enrolDevice',
      {
        device: 'phone',
        publicKey: phoneKeys.publicJwk,
        wrapKey: phoneWrap.publicJwk,
        person: null,
      },
      3,
    );

    const leave = await online(relay, [laptop, phone]);
    await waitFor(relay, () => phone.opMap.size === 3, 'the phone to get the ops');
    await phone.refresh(start + 10);
    expect(phone.derivedState()).toBe(laptop.derivedState());
    expect(phone.tenant.users['asa.odegard']?.displayName).toBe('Åsa Ødegård');
    leave();

    expect(await stopRelayProcess(relay)).toBe(0);
    const file = await readFile(db);
    for (const clear of ['Ødegård', '"asa.odegard"', 'assignLicenses', 'ENTERPRISEPACK', '"ann"']) {
      expect(file.includes(Buffer.from(clear)), clear).toBe(false);
    }
    const stored = new Y.Doc();
    Y.applyUpdate(stored, (await storedState(db, TENANT)) ?? new Uint8Array());
    const values = [...stored.getMap<string>('ops').values()];
    expect(values).toHaveLength(3);
    expect(values.every((text) => text.startsWith(SEALED_PREFIX))).toBe(true);
  },
  MS,
);
