import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { syncPair } from '../scenario/devices';
import { canonicalJson } from './canonical';
import { fingerprint, type DeviceKeys } from './deviceKeys';
import type { Op } from './op';
import { entryOf, Replay, type Entry } from './replay';
import { Replica } from './replica';
import { testDevices } from './testDevices';

const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});
const unassign = (users: string[]) => ({
  type: 'unassignLicenses',
  payload: { subscription: 'e3', users },
});

/** Signed ops from real replicas, and what a replay needs to check them. */
async function setUp() {
  const { devices, start, base, catalogue } = await testDevices(['laptop', 'phone']);
  const entry = (op: Op): Entry => entryOf(op, fingerprint(base.devices[op.device].publicKey));
  const phoneOp = (
    await devices.get('phone')!.execute(assign(['di', 'ed', 'bo']), 'cy', start + 1000)
  ).op!;
  const laptopOp = (await devices.get('laptop')!.execute(assign(['cy']), 'ann', start + 2000)).op!;
  const signer = { device: 'laptop', key: entry(laptopOp).key! };
  const fresh = new Replay(base, catalogue);
  fresh.insert([entry(phoneOp), entry(laptopOp)]);
  const state = (r: Replay) => canonicalJson({ tenant: r.tenant, conflicts: r.conflicts });
  return {
    base,
    catalogue,
    start,
    entry,
    phoneOp,
    laptopOp,
    signer,
    expected: state(fresh),
    state,
  };
}

describe('replay of a local command', () => {
  it('keeps the decision made before signing when nothing arrived meanwhile, and a refusal changes nothing', async () => {
    const { base, catalogue, start, entry, phoneOp, laptopOp, signer, state } = await setUp();
    const command = { type: laptopOp.type, payload: laptopOp.payload };
    const full = new Replay(base, catalogue);
    full.insert([entry(phoneOp)]);
    const before = canonicalJson(full.tenant);
    expect(full.attempt(command, 'ann', start + 2000, signer)).toMatchObject({
      ok: false,
      refusal: { code: 'COUNT_VIOLATION' },
    });
    expect(canonicalJson(full.tenant)).toBe(before);

    const alone = new Replay(base, catalogue);
    expect(alone.attempt(command, 'ann', start + 2000, signer)).toEqual({ ok: true });
    alone.commit(entry(laptopOp));
    expect(alone.result(laptopOp)).toBeNull();
    expect(alone.tenant.assignments['e3']?.['cy']).toBeDefined();
    const replayed = new Replay(base, catalogue);
    replayed.insert([entry(laptopOp)]);
    expect(state(alone)).toBe(state(replayed));
  });

  it('decides it again at its position when an earlier op arrived before the op came back signed', async () => {
    const { base, catalogue, start, entry, phoneOp, laptopOp, signer, expected, state } =
      await setUp();
    const replay = new Replay(base, catalogue);
    const command = { type: laptopOp.type, payload: laptopOp.payload };
    expect(replay.attempt(command, 'ann', start + 2000, signer)).toEqual({ ok: true });
    replay.insert([entry(phoneOp)]);
    replay.commit(entry(laptopOp));
    expect(replay.result(laptopOp)?.code).toBe('COUNT_VIOLATION');
    expect(state(replay)).toBe(expected);
  });

  it('takes an attempt back when it will not be committed', async () => {
    const { base, catalogue, start, laptopOp, signer } = await setUp();
    const replay = new Replay(base, catalogue);
    const before = canonicalJson(replay.tenant);
    replay.attempt({ type: laptopOp.type, payload: laptopOp.payload }, 'ann', start + 2000, signer);
    replay.dropTrial();
    expect(canonicalJson(replay.tenant)).toBe(before);
    expect(replay.length).toBe(0);
  });
});

describe('replay and the engine’s indexes', () => {
  it('keeps counts right when a screen counted between an op and its undo', async () => {
    const { devices, start, base, catalogue } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di', 'ed', 'bo']), 'ann', start + 1000);
    // Restarted: no index carried over. Taking a license back counts nothing...
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(laptop.doc));
    const keys = (laptop as unknown as { keys: DeviceKeys }).keys;
    const reopened = new Replica({ device: 'laptop', keys, base, catalogue, doc });
    expect(await reopened.restore(await laptop.snapshot())).toBe(true);
    await reopened.execute(unassign(['di']), 'ann', start + 3000);
    // ...then a screen counts, on the plain tenant.
    expect(reopened.query('licenses', { subscription: 'e3' }, start + 3000)).toMatchObject({
      value: { assigned: 2 },
    });
    // An earlier op arrives, so the unassignment is taken back and done again.
    const earlier = await phone.execute(
      { type: 'assignRole', payload: { user: 'di', role: 'LicenseAdministrator' } },
      'ann',
      start + 2000,
    );
    expect(earlier.ok).toBe(true);
    await syncPair(reopened, phone, start + 3500);
    await reopened.execute(assign(['cy']), 'ann', start + 4000);
    const last = await reopened.execute(assign(['ann']), 'ann', start + 5000);
    expect(last.ok ? 'ok' : last.refusal.code).toBe('COUNT_VIOLATION');
    await syncPair(reopened, phone, start + 6000);
    expect(reopened.derivedState()).toBe(phone.derivedState());
  });
});
