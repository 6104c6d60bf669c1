import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { syncPair } from '../scenario/devices';
import { canonicalJson } from './canonical';
import { sha256 } from './deviceKeys';
import { parseOp } from './op';
import type { Replica } from './replica';
import {
  exportSyncFile,
  importSyncFile,
  stateVectorOf,
  type SyncFileError,
  type SyncFileHeader,
} from './syncFile';
import { testDevices } from './testDevices';

const TENANT = 'contoso.onmicrosoft.com';

const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});
const disable = (user: string, plans: string[]) => ({
  type: 'setServicePlans',
  payload: { user, subscription: 'e3', disabledPlans: plans },
});

/** Two devices that have each worked offline, never synced. */
async function offline() {
  const { devices, start } = await testDevices(['laptop', 'phone']);
  const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
  expect((await laptop.execute(assign(['di']), 'ann', start + 1000)).ok).toBe(true);
  expect((await laptop.execute(disable('di', ['TEAMS1']), 'ann', start + 2000)).ok).toBe(true);
  expect((await phone.execute(assign(['ed']), 'cy', start + 1500)).ok).toBe(true);
  return { laptop, phone, start };
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function read(file: Uint8Array): { header: SyncFileHeader; body: string[] } {
  return JSON.parse(decoder.decode(file)) as { header: SyncFileHeader; body: string[] };
}

/**
 * A file as someone could rewrite it: any header, any body, the checksum made
 * to match; the key shares (none, for these plain replicas) kept as they were.
 */
async function rewrite(header: SyncFileHeader, body: string[]): Promise<Uint8Array> {
  const json = JSON.stringify(body);
  return encoder.encode(
    JSON.stringify({ header: { ...header, sha256: await sha256(json) }, body, keyShares: [] }),
  );
}

async function expectRefused(
  replica: Replica,
  file: string | Uint8Array,
  code: SyncFileError['code'],
  now: number,
  tenant = TENANT,
): Promise<SyncFileError> {
  const before = { state: replica.derivedState(), size: replica.opMap.size };
  const result = await importSyncFile(replica, file, { tenant, now });
  if (result.ok) throw new Error(`imported ${result.added} ops; expected ${code}`);
  expect(result.error.code).toBe(code);
  expect(result.error.message).toMatch(/\w/);
  expect(result.error.remedy).toMatch(/\w/);
  expect({ state: replica.derivedState(), size: replica.opMap.size }).toEqual(before);
  return result.error;
}

describe('sync files', () => {
  it('merge two offline devices both ways: the same state on each', async () => {
    const { laptop, phone, start } = await offline();
    const now = start + 10_000;
    const toPhone = await exportSyncFile(laptop, { tenant: TENANT, now });
    const { header } = read(toPhone);
    expect(header).toMatchObject({
      format: 'seats-sync',
      version: 1,
      tenant: TENANT,
      device: 'laptop',
      createdAt: new Date(now).toISOString(),
      ops: 2,
    });
    expect(await importSyncFile(phone, toPhone, { tenant: TENANT, now })).toEqual({
      ok: true,
      added: 2,
    });
    expect(phone.opCount).toBe(3);

    // The phone's file holds everything it has; only its own op is new to the laptop.
    const toLaptop = await exportSyncFile(phone, { tenant: TENANT, now });
    expect(read(toLaptop).header.ops).toBe(3);
    // A file read as text (pasted, or from an e-mail) imports the same.
    expect(await importSyncFile(laptop, decoder.decode(toLaptop), { tenant: TENANT, now })).toEqual(
      { ok: true, added: 1 },
    );
    expect(laptop.derivedState()).toBe(phone.derivedState());
    expect(laptop.query('licenses', { subscription: 'e3' }, now)).toMatchObject({
      value: { assigned: 2 },
    });
  });

  it('exports only what the peer lacks, given its state vector, and still converges', async () => {
    const { laptop, phone, start } = await offline();
    await syncPair(laptop, phone, start + 3000);
    await laptop.execute(assign(['bo']), 'ann', start + 4000);
    await laptop.execute(disable('bo', ['SWAY']), 'ann', start + 5000);
    await phone.execute(disable('ed', ['TEAMS1']), 'cy', start + 4500);
    const now = start + 10_000;

    const all = read(await exportSyncFile(laptop, { tenant: TENANT, now })).header.ops;
    const toPhone = await exportSyncFile(laptop, {
      tenant: TENANT,
      now,
      stateVector: stateVectorOf(phone),
    });
    expect([all, read(toPhone).header.ops]).toEqual([5, 2]);
    expect(await importSyncFile(phone, toPhone, { tenant: TENANT, now })).toEqual({
      ok: true,
      added: 2,
    });

    // The state vector as bytes, straight from Yjs, works the same.
    const toLaptop = await exportSyncFile(phone, {
      tenant: TENANT,
      now,
      stateVector: Y.encodeStateVector(laptop.doc),
    });
    // The phone's op, and the two it took from the file: to Yjs those are the phone's writes.
    expect(read(toLaptop).header.ops).toBe(3);
    expect(await importSyncFile(laptop, toLaptop, { tenant: TENANT, now })).toEqual({
      ok: true,
      added: 1,
    });
    expect(laptop.derivedState()).toBe(phone.derivedState());
    expect(laptop.opCount).toBe(6);
  });

  it('passes on an op the peer holds but lost and wrote back (a repaired entry)', async () => {
    const { laptop, phone, start } = await offline();
    await syncPair(laptop, phone, start + 3000);
    const [first] = read(await exportSyncFile(laptop, { tenant: TENANT, now: start })).body;
    const id = parseOp(first)!.id;
    laptop.doc.transact(() => laptop.opMap.delete(id), 'peer');
    await laptop.refresh(start + 4000);
    expect(laptop.opMap.get(id)).toBe(first);

    const file = await exportSyncFile(laptop, {
      tenant: TENANT,
      now: start + 5000,
      stateVector: stateVectorOf(phone),
    });
    expect(read(file).body).toEqual([first]);
    expect(await importSyncFile(phone, file, { tenant: TENANT, now: start + 5000 })).toEqual({
      ok: true,
      added: 0,
    });
  });

  it('adds nothing and changes nothing when the same file is imported again', async () => {
    const { laptop, phone, start } = await offline();
    const now = start + 10_000;
    const file = await exportSyncFile(laptop, { tenant: TENANT, now });
    expect(await importSyncFile(phone, file, { tenant: TENANT, now })).toEqual({
      ok: true,
      added: 2,
    });
    const before = { state: phone.derivedState(), size: phone.opMap.size };
    const updates: Uint8Array[] = [];
    phone.doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(await importSyncFile(phone, file, { tenant: TENANT, now })).toEqual({
      ok: true,
      added: 0,
    });
    expect({ state: phone.derivedState(), size: phone.opMap.size }).toEqual(before);
    expect(updates).toEqual([]);
  });

  it('refuses a file cut short (TRUNCATED)', async () => {
    const { laptop, phone, start } = await offline();
    const now = start + 10_000;
    const file = await exportSyncFile(laptop, { tenant: TENANT, now });
    const cut = file.slice(0, Math.floor(file.length * 0.6));
    const error = await expectRefused(phone, cut, 'TRUNCATED', now);
    expect(error.message).toMatch(/ends early/);
    expect(error.remedy).toMatch(/new export/);

    // Readable, but with fewer ops than the header says.
    const { header, body } = read(file);
    const short = await rewrite(header, body.slice(0, -1));
    expect((await expectRefused(phone, short, 'TRUNCATED', now)).message).toMatch(/1 of the 2/);
  });

  it('refuses a file with a flipped byte (CORRUPT)', async () => {
    const { laptop, phone, start } = await offline();
    const now = start + 10_000;
    const file = await exportSyncFile(laptop, { tenant: TENANT, now });
    // A byte inside the second op's signature: the JSON stays readable, the content does not match.
    const at = decoder.decode(file).lastIndexOf('\\"sig\\":\\"') + 12;
    const flipped = file.slice();
    flipped[at] ^= 0x01;
    const error = await expectRefused(phone, flipped, 'CORRUPT', now);
    expect(error.message).toMatch(/checksum/);
  });

  it('refuses a file with an altered op, even with its checksum redone (TAMPERED)', async () => {
    const { laptop, phone, start } = await offline();
    const now = start + 10_000;
    const { header, body } = read(await exportSyncFile(laptop, { tenant: TENANT, now }));
    const op = parseOp(body[0])!;
    // A careful forger re-hashes the id too, so only the signature can tell.
    const { id, ...rest } = op;
    const payload = { subscription: 'e3', users: ['ed'] };
    const forged = { ...rest, payload, id: await sha256(canonicalJson({ ...rest, payload })) };
    expect(forged.id).not.toBe(id);
    const file = await rewrite(header, [JSON.stringify(forged), ...body.slice(1)]);
    const error = await expectRefused(phone, file, 'TAMPERED', now);
    expect(error.message).toContain('1 of the 2 changes');
    expect(error.message).toContain(forged.id);
    expect(phone.query('userLicenses', { user: 'ed' }, now)).toMatchObject({
      value: [{ subscription: 'e3' }],
    });
    expect(phone.query('userLicenses', { user: 'di' }, now)).toEqual({ ok: true, value: [] });
  });

  it('refuses a file of another tenant (WRONG_TENANT)', async () => {
    const { laptop, phone, start } = await offline();
    const now = start + 10_000;
    const file = await exportSyncFile(laptop, { tenant: 'fabrikam.onmicrosoft.com', now });
    const error = await expectRefused(phone, file, 'WRONG_TENANT', now);
    expect(error.message).toMatch(/This file is for tenant "fabrikam\.onmicrosoft\.com"/);
    expect(error.message).toMatch(/another tenant/);
  });

  it('refuses a file of another format version (UNSUPPORTED_VERSION)', async () => {
    const { laptop, phone, start } = await offline();
    const now = start + 10_000;
    const { header, body } = read(await exportSyncFile(laptop, { tenant: TENANT, now }));
    const newer = await rewrite({ ...header, version: 2 as 1 }, body);
    const error = await expectRefused(phone, newer, 'UNSUPPORTED_VERSION', now);
    expect(error.remedy).toMatch(/Update Seats/);
  });

  it('refuses garbage and an empty file (NOT_A_SYNC_FILE)', async () => {
    const { phone, start } = await offline();
    const now = start + 10_000;
    const noise = Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256);
    for (const file of [
      noise,
      'hello, world',
      '{"format":"other","version":1}',
      '{"header":{"format":"seats-sync!","version":1},"body":[]}',
      '[1, 2, 3]',
      'null',
    ])
      await expectRefused(phone, file, 'NOT_A_SYNC_FILE', now);
    // Recognisably ours, but cut off a few bytes in.
    await expectRefused(phone, '{"header":{"format":"seats-sync","vers', 'TRUNCATED', now);
    for (const empty of [new Uint8Array(0), '', '\n'])
      expect((await expectRefused(phone, empty, 'NOT_A_SYNC_FILE', now)).message).toMatch(/empty/);
  });
});

describe('a tenant holding a forged op', () => {
  it('exports a backup without it, which imports cleanly', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op } = await laptop.execute(
      { type: 'assignLicenses', payload: { subscription: 'e3', users: ['di'] } },
      'ann',
      start + 1000,
    );
    const { id: _id, sig, ...body } = op!;
    const payload = { subscription: 'e3', users: ['ed'] };
    const forged = { ...op!, payload, id: await sha256(canonicalJson({ ...body, payload, sig })) };
    expect(forged.id).not.toBe(_id);
    laptop.doc.transact(() => laptop.opMap.set(forged.id, JSON.stringify(forged)), 'peer');
    await laptop.refresh(start + 2000);
    expect(laptop.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE']);

    const file = await exportSyncFile(laptop, { tenant: 'contoso', now: start + 3000 });
    const imported = await importSyncFile(phone, file, { tenant: 'contoso', now: start + 3000 });
    expect(imported).toEqual({ ok: true, added: 1 });
    expect(phone.conflicts).toEqual([]);
  });
});
