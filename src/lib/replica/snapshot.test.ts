import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDeviceKeys } from './deviceKeys';
import { Replica } from './replica';
import { testDevices } from './testDevices';

const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});

describe('snapshots of the replayed state', () => {
  it('restore to the same state as a full replay, and late ops still rewind correctly', async () => {
    const { devices, start, base, catalogue } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    await laptop.execute(assign(['ed', 'bo']), 'cy', start + 2000);
    await laptop.execute(assign(['cy']), 'cy', start + 3000);
    const snapshot = JSON.parse(JSON.stringify(await laptop.snapshot())) as Awaited<
      ReturnType<Replica['snapshot']>
    >;

    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(laptop.doc));
    const reopened = new Replica({
      device: 'laptop',
      keys: await createDeviceKeys(),
      base,
      catalogue,
      doc,
    });
    expect(await reopened.restore(snapshot)).toBe(true);
    expect(reopened.derivedState()).toBe(laptop.derivedState());

    // A late op from the phone, earlier than everything on the laptop.
    await phone.execute(
      { type: 'setTotalLicenses', payload: { subscription: 'e3', total: 4 } },
      'bo',
      start + 500,
    );
    Y.applyUpdate(reopened.doc, Y.encodeStateAsUpdate(phone.doc));
    Y.applyUpdate(laptop.doc, Y.encodeStateAsUpdate(phone.doc));
    await reopened.refresh(start + 4000);
    await laptop.refresh(start + 4000);
    expect(reopened.derivedState()).toBe(laptop.derivedState());
    expect(reopened.conflicts).toEqual([]);
  });

  it('refuse a snapshot that no longer matches the op log', async () => {
    const { devices, start, base, catalogue } = await testDevices(['laptop']);
    const laptop = devices.get('laptop')!;
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    const snapshot = await laptop.snapshot();
    await laptop.execute(assign(['ed']), 'ann', start + 2000);

    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(laptop.doc));
    const reopened = new Replica({
      device: 'laptop',
      keys: await createDeviceKeys(),
      base,
      catalogue,
      doc,
    });
    expect(await reopened.restore(snapshot)).toBe(false);
    await reopened.refresh(start + 3000);
    expect(reopened.derivedState()).toBe(laptop.derivedState());
  });

  it('refuse a snapshot when an op in the log was altered since', async () => {
    const { devices, start, base, catalogue } = await testDevices(['laptop']);
    const laptop = devices.get('laptop')!;
    const { op } = await laptop.execute(assign(['di']), 'ann', start + 1000);
    const snapshot = await laptop.snapshot();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(laptop.doc));
    const altered = { ...op!, payload: { subscription: 'e3', users: ['ed'] } };
    doc.getMap<string>('ops').set(op!.id, JSON.stringify(altered));
    const reopened = new Replica({
      device: 'laptop',
      keys: await createDeviceKeys(),
      base,
      catalogue,
      doc,
    });
    expect(await reopened.restore(snapshot)).toBe(false);
  });

  it('keep a forged op rejected when a late op makes replay rewind past it', async () => {
    const { devices, start, base, catalogue } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op } = await laptop.execute(assign(['di']), 'ann', start + 1000);
    const forged = { ...op!, payload: { subscription: 'e3', users: ['ed'] } };
    phone.doc.transact(() => phone.opMap.set(forged.id, JSON.stringify(forged)), 'peer');
    await phone.refresh(start + 2000);
    expect(phone.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE']);

    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(phone.doc));
    const reopened = new Replica({
      device: 'phone',
      keys: await createDeviceKeys(),
      base,
      catalogue,
      doc,
    });
    expect(await reopened.restore(await phone.snapshot())).toBe(true);
    await phone.execute(assign(['bo']), 'cy', start + 500);
    Y.applyUpdate(reopened.doc, Y.encodeStateAsUpdate(phone.doc));
    await reopened.refresh(start + 3000);
    expect(reopened.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE']);
    expect(reopened.query('userLicenses', { user: 'ed' }, start + 3000)).toEqual({
      ok: true,
      value: [],
    });
  });

  it('store an earlier checkpoint, so a late op after a restart rewinds to it, not to the base', async () => {
    const { start, base: given, catalogue } = await testDevices(['laptop']);
    // Checkpoints 3 ops apart, so a few ops show what 2,000 do.
    const base = structuredClone(given);
    const keys = {
      laptop: await createDeviceKeys(),
      phone: await createDeviceKeys(),
      tablet: await createDeviceKeys(),
    };
    base.devices = {};
    for (const [id, pair] of Object.entries(keys)) {
      base.devices[id] = { id, publicKey: pair.publicJwk, person: null, enrolledAt: start };
    }
    const open = (device: keyof typeof keys, doc?: Y.Doc) =>
      new Replica({ device, keys: keys[device], base, catalogue, doc, checkpointSpacing: 3 });
    const laptop = open('laptop');
    const plans = (i: number) => ({
      type: 'setServicePlans',
      payload: { user: 'di', subscription: 'e3', disabledPlans: i % 2 ? ['TEAMS1'] : [] },
    });
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    for (let i = 1; i < 3; i++) await laptop.execute(plans(i), 'ann', start + 1000 * (i + 1));
    await laptop.snapshot();
    for (let i = 3; i < 6; i++) await laptop.execute(plans(i), 'ann', start + 1000 * (i + 1));
    const snapshot = structuredClone(await laptop.snapshot());
    expect(snapshot.checkpoint?.index).toBe(3);

    const log = Y.encodeStateAsUpdate(laptop.doc);
    const fromLog = (...updates: Uint8Array[]) => {
      const doc = new Y.Doc();
      for (const update of [log, ...updates]) Y.applyUpdate(doc, update);
      return doc;
    };
    // Between the checkpoint (3 ops) and the end (6); then before everything.
    for (const [device, at] of [
      ['tablet', start + 4500],
      ['phone', start + 500],
    ] as const) {
      const late = open(device);
      await late.execute(
        { type: 'setTotalLicenses', payload: { subscription: 'e3', total: 4 } },
        'bo',
        at,
      );
      const update = Y.encodeStateAsUpdate(late.doc);
      const reopened = open('laptop', fromLog());
      expect(await reopened.restore(structuredClone(snapshot))).toBe(true);
      Y.applyUpdate(reopened.doc, update);
      await reopened.refresh(start + 10_000);
      const fresh = open('laptop', fromLog(update));
      await fresh.refresh(start + 10_000);
      expect(reopened.derivedState()).toBe(fresh.derivedState());
    }
  });
});
