import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { syncPair } from '../scenario/devices';
import { canonicalJson } from './canonical';
import { sha256 } from './deviceKeys';
import { MAX_DRIFT_MS } from './hlc';
import { signOp, type Op } from './op';
import { Replica } from './replica';
import { testDevices } from './testDevices';

const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});

/** An op whose id is its content hash but whose signature is made up. */
async function unsigned(body: Omit<Op, 'id' | 'sig'>): Promise<Op> {
  const sig = 'bm90IGEgc2lnbmF0dXJl';
  return { ...body, sig, id: await sha256(canonicalJson({ ...body, sig })) };
}

/** Writes an op straight into a replica's document, as a hostile peer could. */
function inject(replica: Replica, op: Op) {
  replica.doc.transact(() => replica.opMap.set(op.id, JSON.stringify(op)), 'peer');
}

describe('replica', () => {
  it('records an allowed command as a signed op, and a refused one not at all', async () => {
    const { devices, start } = await testDevices(['laptop']);
    const laptop = devices.get('laptop')!;
    expect((await laptop.execute(assign(['di']), 'ann', start + 1000)).ok).toBe(true);
    const refused = await laptop.execute(assign(['di']), 'ed', start + 2000);
    expect(refused.ok ? 'ok' : refused.refusal.code).toBe('NOT_AUTHORIZED');
    expect(laptop.opMap.size).toBe(1);
    expect(laptop.conflicts).toEqual([]);
  });

  it('never names a forged op claiming this device as its own head, so never vouches for it', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op: first } = await laptop.execute(assign(['di']), 'ann', start + 1000);
    const forged = await unsigned({
      hlc: `${new Date(start + 2000).toISOString()}-0000-laptop`,
      device: 'laptop',
      seq: 9,
      author: 'ann',
      prev: [first!.id],
      ...assign(['ed']),
    });
    inject(laptop, forged);
    const { op: next } = await laptop.execute(assign(['bo']), 'ann', start + 3000);
    expect(next!.prev).toEqual([first!.id]);
    await syncPair(laptop, phone, start + 4000);
    expect(phone.conflicts.map((c) => [c.code, c.op])).toEqual([['INVALID_SIGNATURE', forged.id]]);
    expect(phone.derivedState()).toBe(laptop.derivedState());
  });

  it('after a restart, names its own last op as its head, and a peer takes the chain', async () => {
    const { devices, start, restart } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op: first } = await laptop.execute(assign(['di']), 'ann', start + 1000);
    const reopened = await restart(laptop);
    const { op: next } = await reopened.execute(assign(['ed']), 'ann', start + 2000);
    expect(next!.prev).toEqual([first!.id]);
    await syncPair(reopened, phone, start + 3000);
    expect(phone.conflicts).toEqual([]);
    expect(phone.derivedState()).toBe(reopened.derivedState());
  });

  it('gives an op the same key whether its voucher arrives with it or after it', async () => {
    const { devices, start, keysOf } = await testDevices(['laptop', 'phone', 'tablet']);
    const [phone, tablet] = [devices.get('phone')!, devices.get('tablet')!];
    // The laptop's key holder names an op it never signed: only the chain vouches for it.
    const named = await unsigned({
      hlc: `${new Date(start + 1000).toISOString()}-0000-laptop`,
      device: 'laptop',
      seq: 1,
      author: 'ann',
      prev: [],
      ...assign(['di']),
    });
    const voucher = await signOp(
      {
        hlc: `${new Date(start + 2000).toISOString()}-0000-laptop`,
        device: 'laptop',
        seq: 2,
        author: 'ann',
        prev: [named.id],
        ...assign(['ed']),
      },
      keysOf('laptop'),
    );
    inject(phone, named);
    await phone.refresh(start + 3000);
    expect(phone.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE']);
    inject(phone, voucher);
    await phone.refresh(start + 3000);
    inject(tablet, named);
    inject(tablet, voucher);
    await tablet.refresh(start + 3000);
    expect(phone.conflicts).toEqual([]);
    expect(phone.derivedState()).toBe(tablet.derivedState());
  });

  it('keeps an op that a received update deletes or overwrites, and writes it back', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op } = await laptop.execute(assign(['di']), 'ann', start + 1000);
    await syncPair(laptop, phone, start + 2000);
    phone.doc.transact(() => phone.opMap.delete(op!.id), 'peer');
    await phone.refresh(start + 3000);
    expect(phone.opMap.get(op!.id)).toBe(JSON.stringify(op));
    expect(phone.notices.map((n) => n.reason)).toEqual(['tampered']);
    expect(phone.query('licenses', { subscription: 'e3' }, start + 3000)).toMatchObject({
      value: { assigned: 1 },
    });
  });

  it('holds back an op from a clock far ahead, and applies it once time catches up', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const ahead = start + 60 * 60 * 1000;
    await laptop.execute(assign(['di']), 'ann', ahead);
    await syncPair(laptop, phone, start);
    expect(phone.notices.map((n) => n.reason)).toEqual(['clockDrift']);
    expect(phone.opCount).toBe(0);
    await phone.refresh(ahead - MAX_DRIFT_MS + 1);
    expect(phone.opCount).toBe(1);
  });

  it('replays a late op into the middle of the log exactly as a full replay would', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone', 'fresh']);
    const [laptop, phone, fresh] = ['laptop', 'phone', 'fresh'].map((d) => devices.get(d)!);
    // The phone's op sorts after the laptop's 281st, past the first checkpoint (256).
    await phone.execute(assign(['di']), 'cy', start + 1280);
    for (let i = 0; i < 300; i++) {
      await laptop.execute(
        {
          type: 'setServicePlans',
          payload: { user: 'ed', subscription: 'e3', disabledPlans: i % 2 ? ['TEAMS1'] : [] },
        },
        'ann',
        start + 1000 + i,
      );
      if (i === 0) await laptop.execute(assign(['ed']), 'ann', start + 999);
    }
    await syncPair(laptop, phone, start + 10_000);
    // A replica that takes everything in one go, in a different arrival order.
    Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(phone.doc));
    await fresh.refresh(start + 10_000);
    expect(laptop.derivedState()).toBe(phone.derivedState());
    expect(fresh.derivedState()).toBe(laptop.derivedState());
  });

  it('decides a command again at its position when ops arrive while it is being signed', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone', 'fresh']);
    const [laptop, phone, fresh] = ['laptop', 'phone', 'fresh'].map((d) => devices.get(d)!);
    // The phone takes the last free licenses earlier; the laptop's command is being signed when they arrive.
    await phone.execute(assign(['di', 'ed', 'bo']), 'cy', start + 1000);
    const signing = laptop.execute(assign(['cy']), 'ann', start + 2000);
    Y.applyUpdate(laptop.doc, Y.encodeStateAsUpdate(phone.doc), 'sync');
    await Promise.all([signing, laptop.refresh(start + 2000)]);
    Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(laptop.doc));
    await fresh.refresh(start + 3000);
    expect(laptop.derivedState()).toBe(fresh.derivedState());
    expect(laptop.conflicts.map((c) => [c.code, c.by])).toEqual([['COUNT_VIOLATION', 'ann']]);
  });

  it('lists every op with its outcome and stability, as isStable and the conflicts say', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di', 'ed']), 'ann', start + 1000);
    await phone.execute(assign(['bo', 'cy']), 'cy', start + 1500);
    await syncPair(laptop, phone, start + 2000);
    await phone.execute(assign(['ann']), 'cy', start + 3000);
    await syncPair(laptop, phone, start + 4000);
    // The laptop's latest op names only its own: it has not been seen to see the phone's.
    const activity = phone.activity();
    expect(activity.map((a) => [a.device, a.author, a.type, a.outcome?.code ?? null])).toEqual([
      ['laptop', 'ann', 'assignLicenses', null],
      ['phone', 'cy', 'assignLicenses', 'COUNT_VIOLATION'],
      ['phone', 'cy', 'assignLicenses', null],
    ]);
    expect(activity.map((a) => a.stable)).toEqual([true, false, false]);
    expect(activity.map((a) => a.stable)).toEqual(activity.map((a) => phone.isStable(a.id)));
    expect(laptop.activity().map((a) => a.stable)).toEqual([true, true, true]);
    expect(activity[0].time).toBe(start + 1000);
    expect(phone.activity()).toBe(activity);
  });

  it('marks an op tentative until every device has been seen past it', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op } = await laptop.execute(assign(['di']), 'ann', start + 1000);
    expect(laptop.isStable(op!.id)).toBe(false);
    await syncPair(laptop, phone, start + 2000);
    expect(laptop.isStable(op!.id)).toBe(false);
    await phone.execute(assign(['ed']), 'cy', start + 3000);
    await syncPair(laptop, phone, start + 4000);
    expect(laptop.isStable(op!.id)).toBe(true);
    expect(phone.isStable(op!.id)).toBe(true);
  });
  it('names the people and subscriptions that applied, still tentative changes touch', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    expect([...laptop.tentative().users]).toEqual(['di']);
    expect([...laptop.tentative().subscriptions]).toEqual(['e3']);
    await phone.execute(assign(['ed']), 'cy', start + 1500);
    await syncPair(laptop, phone, start + 2000);
    await phone.execute(assign(['bo']), 'cy', start + 3000);
    await syncPair(laptop, phone, start + 4000);
    // The phone has seen the laptop past di's op, but not yet seen to see its own.
    expect([...phone.tentative().users].sort()).toEqual(['bo', 'ed']);
    expect(laptop.tentative().users.size).toBe(0);
  });
});
