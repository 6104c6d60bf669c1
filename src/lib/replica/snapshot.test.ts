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
});
