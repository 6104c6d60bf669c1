import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDeviceKeys } from './deviceKeys';
import { createWrapKeys, KEY_SHARES, makeShare, shareId } from './keyShares';
import { OpCipher } from './opCipher';
import { Replica } from './replica';
import { newTenantKey, type TenantKey } from './sealing';
import { exportSyncFile, importSyncFile } from './syncFile';
import { testDevices } from './testDevices';

/** One-way delivery of what `to` lacks, as the relay or tabs would carry it. */
async function deliver(from: Replica, to: Replica, now: number) {
  Y.applyUpdate(to.doc, Y.encodeStateAsUpdate(from.doc, Y.encodeStateVector(to.doc)), 'relay');
  await to.refresh(now);
}

const addUser = (id: string, displayName: string) => ({
  type: 'addUser',
  payload: { id, displayName, usageLocation: 'SE' },
});

/** The tenant's first device (ann's laptop, sealing with key 1) and new devices to enrol. */
async function tenant() {
  const { base, catalogue, start, keysOf } = await testDevices(['laptop']);
  const kept: TenantKey[][] = [];
  const first = newTenantKey();
  const laptopWrap = await createWrapKeys();
  base.devices['laptop'] = { ...base.devices['laptop'], wrapKey: laptopWrap.publicJwk };
  const laptopWith = (doc?: Y.Doc) =>
    new Replica({
      device: 'laptop',
      keys: keysOf('laptop'),
      base,
      catalogue,
      sealing: new OpCipher([first]),
      wrapKeys: laptopWrap,
      onKeys: (keys) => kept.push([...keys]),
      ...(doc ? { doc } : {}),
    });
  const laptop = laptopWith();
  const newDevice = async (device: string) => {
    const [keys, wrap] = await Promise.all([createDeviceKeys(), createWrapKeys()]);
    const replica = new Replica({
      device,
      keys,
      base,
      catalogue,
      sealing: new OpCipher([]),
      wrapKeys: wrap,
    });
    const enrol = { device, publicKey: keys.publicJwk, wrapKey: wrap.publicJwk, person: null };
    return { replica, enrol };
  };
  return { laptop, laptopWith, newDevice, start, kept, catalogue, base };
}

describe('end-to-end encryption (SYNC-5)', () => {
  it('stores every op sealed, so the document holds no names or license data in clear', async () => {
    const { laptop, start } = await tenant();
    await laptop.execute(addUser('asa', 'Åsa Ødegård'), 'ann', start + 1000);
    await laptop.execute(
      { type: 'assignLicenses', payload: { subscription: 'e3', users: ['asa'] } },
      'ann',
      start + 2000,
    );
    const stored = JSON.stringify([...laptop.opMap.values()]);
    // Quoted: base64 never holds a quote, so a short id cannot match by chance.
    for (const clear of ['Ødegård', '"asa"', 'assignLicenses', '"e3"', '"ann"']) {
      expect(stored).not.toContain(clear);
    }
    expect(laptop.tenant.users['asa']?.displayName).toBe('Åsa Ødegård');
  });

  it('a device a Global Administrator enrols by its code receives the key in the log, and reads everything', async () => {
    const { laptop, newDevice, start } = await tenant();
    await laptop.execute(addUser('asa', 'Åsa Ødegård'), 'ann', start + 1000);
    const phone = await newDevice('phone');
    await deliver(laptop, phone.replica, start + 1500);
    // Before it is enrolled the phone holds the ops but cannot read them.
    expect(phone.replica.opCount).toBe(0);
    expect(phone.replica.notices.map((n) => n.reason)).toContain('sealed');

    expect(
      (await laptop.execute({ type: 'enrolDevice', payload: phone.enrol }, 'ann', start + 2000)).ok,
    ).toBe(true);
    expect(laptop.shares.has(shareId(1, 'phone'))).toBe(true);
    await deliver(laptop, phone.replica, start + 3000);
    expect(phone.replica.tenantKeys.map((k) => k.epoch)).toEqual([1]);
    expect(phone.replica.derivedState()).toBe(laptop.derivedState());
    // Taken on trust (it could read nothing), then checked: the laptop is enrolled and signed it.
    expect(phone.replica.notices.filter((n) => n.reason === 'tampered')).toEqual([]);

    // Its own ops are sealed with the same key, and the laptop reads them.
    expect((await phone.replica.execute(addUser('bo2', 'Bo Ek'), 'ann', start + 4000)).ok).toBe(
      true,
    );
    await deliver(phone.replica, laptop, start + 5000);
    expect(laptop.tenant.users['bo2']?.displayName).toBe('Bo Ek');
  });

  it('revoking a device makes a new key for later ops, handed to every device but the revoked one', async () => {
    const { laptop, laptopWith, newDevice, start, kept } = await tenant();
    const phone = await newDevice('phone');
    const tablet = await newDevice('tablet');
    await laptop.execute({ type: 'enrolDevice', payload: phone.enrol }, 'ann', start + 1000);
    await laptop.execute({ type: 'enrolDevice', payload: tablet.enrol }, 'ann', start + 2000);
    await deliver(laptop, phone.replica, start + 2500);
    await deliver(laptop, tablet.replica, start + 2500);

    const revoked = await laptop.execute(
      { type: 'revokeDevice', payload: { device: 'tablet' } },
      'ann',
      start + 3000,
    );
    expect(revoked.ok).toBe(true);
    expect(laptop.tenantKeys.map((k) => k.epoch)).toEqual([1, 2]);
    expect(kept.at(-1)?.map((k) => k.epoch)).toEqual([1, 2]);
    expect(laptop.shares.has(shareId(2, 'phone'))).toBe(true);
    expect(laptop.shares.has(shareId(2, 'tablet'))).toBe(false);

    await laptop.execute(addUser('new', 'Nora Secret'), 'ann', start + 4000);
    await deliver(laptop, phone.replica, start + 5000);
    await deliver(laptop, tablet.replica, start + 5000);
    expect(phone.replica.tenant.users['new']?.displayName).toBe('Nora Secret');
    expect(phone.replica.derivedState()).toBe(laptop.derivedState());
    // The revoked tablet holds the op but has no key to read it.
    expect(tablet.replica.tenantKeys.map((k) => k.epoch)).toEqual([1]);
    expect(tablet.replica.tenant.users['new']).toBeUndefined();
    expect(tablet.replica.notices.at(-1)).toMatchObject({ reason: 'sealed' });

    // The laptop shared the new key with itself too: a restart that kept only key 1 gets it back.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(laptop.doc));
    const restarted = laptopWith(copy);
    await restarted.refresh(start + 6000);
    expect(restarted.tenantKeys.map((k) => k.epoch)).toEqual([1, 2]);
    expect(restarted.derivedState()).toBe(laptop.derivedState());
  });

  it('ignores a key share signed by a device the tenant never enrolled', async () => {
    const { laptop, newDevice, start } = await tenant();
    const phone = await newDevice('phone');
    await laptop.execute({ type: 'enrolDevice', payload: phone.enrol }, 'ann', start + 1000);
    await deliver(laptop, phone.replica, start + 1500);
    const stranger = await createDeviceKeys();
    const bogus = await makeShare(
      newTenantKey(2),
      { device: 'phone', wrapKey: phone.enrol.wrapKey },
      { device: 'stranger', keys: stranger },
    );
    laptop.doc.getMap<string>(KEY_SHARES).set(shareId(2, 'phone'), JSON.stringify(bogus));
    await deliver(laptop, phone.replica, start + 2000);
    expect(phone.replica.tenantKeys.map((k) => k.epoch)).toEqual([1]);
  });

  it('reports a share a device took on trust when the log it opens does not enrol its sender', async () => {
    const { laptop, newDevice, start } = await tenant();
    await laptop.execute(addUser('asa', 'Åsa Ødegård'), 'ann', start + 1000);
    const phone = await newDevice('phone');
    const stranger = await createDeviceKeys();
    const bogus = await makeShare(
      newTenantKey(1),
      { device: 'phone', wrapKey: phone.enrol.wrapKey },
      { device: 'stranger', keys: stranger },
    );
    laptop.doc.getMap<string>(KEY_SHARES).set(shareId(1, 'phone'), JSON.stringify(bogus));
    await deliver(laptop, phone.replica, start + 2000);
    // The stranger's key opens none of the tenant's ops, and the share is reported.
    expect(phone.replica.opCount).toBe(0);
    expect(phone.replica.notices).toContainEqual(
      expect.objectContaining({ reason: 'tampered', key: shareId(1, 'phone') }),
    );
  });

  it('a device enrolled by its code that syncs only by files gets the key from a sync file', async () => {
    const { laptop, newDevice, start } = await tenant();
    await laptop.execute(addUser('asa', 'Åsa Ødegård'), 'ann', start + 1000);
    const phone = await newDevice('phone');
    const file = (from: typeof laptop, now: number) => exportSyncFile(from, { tenant: 't1', now });

    // Exported before the phone was enrolled: nothing in it opens for the phone.
    const early = await importSyncFile(phone.replica, await file(laptop, start + 1500), {
      tenant: 't1',
      now: start + 1500,
    });
    expect(early).toMatchObject({ ok: false, error: { code: 'SEALED' } });
    expect(phone.replica.opMap.size).toBe(0);
    expect(phone.replica.shares.size).toBe(0);

    await laptop.execute({ type: 'enrolDevice', payload: phone.enrol }, 'ann', start + 2000);
    const imported = await importSyncFile(phone.replica, await file(laptop, start + 2500), {
      tenant: 't1',
      now: start + 2500,
    });
    expect(imported).toMatchObject({ ok: true, added: laptop.opMap.size });
    expect(phone.replica.tenantKeys.map((k) => k.epoch)).toEqual([1]);
    expect(phone.replica.derivedState()).toBe(laptop.derivedState());
    expect(phone.replica.notices.filter((n) => n.reason === 'tampered')).toEqual([]);

    // And back: what the phone does reaches the laptop by file too.
    await phone.replica.execute(addUser('bo2', 'Bo Ek'), 'ann', start + 3000);
    const back = await importSyncFile(laptop, await file(phone.replica, start + 3500), {
      tenant: 't1',
      now: start + 3500,
    });
    expect(back).toMatchObject({ ok: true, added: 1 });
    expect(laptop.tenant.users['bo2']?.displayName).toBe('Bo Ek');
  });

  it('refuses a sync file whose key shares were cut or altered, and changes nothing', async () => {
    const { laptop, newDevice, start } = await tenant();
    const phone = await newDevice('phone');
    await laptop.execute({ type: 'enrolDevice', payload: phone.enrol }, 'ann', start + 1000);
    const text = new TextDecoder().decode(
      await exportSyncFile(laptop, { tenant: 't1', now: start + 1500 }),
    );
    const envelope = JSON.parse(text) as { header: Record<string, unknown>; keyShares: string[] };
    // The laptop's share for the phone (it shares with itself only when it makes a new key).
    expect(envelope.header['keyShares']).toBe(1);
    const [share] = envelope.keyShares;

    const cut = { ...envelope, keyShares: [] };
    const flipped = { ...envelope, keyShares: [share.replace('"epoch":1', '"epoch":2')] };
    // Not a share at all, with the checksum made again to match.
    const altered = { ...envelope, keyShares: ['{"epoch":1}'] };
    const digest = async (shares: string[]) =>
      Buffer.from(
        await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(shares))),
      ).toString('base64url');
    altered.header = { ...envelope.header, keySharesSha256: await digest(altered.keyShares) };

    for (const [file, code] of [
      [cut, 'TRUNCATED'],
      [flipped, 'CORRUPT'],
      [altered, 'TAMPERED'],
    ] as const) {
      const result = await importSyncFile(phone.replica, JSON.stringify(file), {
        tenant: 't1',
        now: start + 2000,
      });
      expect(result).toMatchObject({ ok: false, error: { code } });
      expect(phone.replica.opMap.size).toBe(0);
      expect(phone.replica.shares.size).toBe(0);
    }
  });
});
