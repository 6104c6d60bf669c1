/**
 * Attacks on the op log, each through the real replica layer (real Yjs
 * documents, real WebCrypto signatures, real replay): the attack fails, is
 * shown where it shows, and every honest replica ends in the same honest state.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lib/replica/canonical';
import { createDeviceKeys, sha256, type DeviceKeys } from '../../src/lib/replica/deviceKeys';
import { signOp, type Op, type OpBody } from '../../src/lib/replica/op';
import type { Replica } from '../../src/lib/replica/replica';
import { testDevices } from '../../src/lib/replica/testDevices';
import { syncPair } from '../../src/lib/scenario/devices';
import { hlcAt, inject } from './forge';

const YEAR_MS = 365 * 86_400_000;

const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});

/** An op the attacker makes for `device`, signed with `keys` (not necessarily the device's). */
function craft(keys: DeviceKeys, body: Partial<OpBody> & Pick<OpBody, 'device' | 'hlc'>) {
  return signOp({ seq: 1, author: 'ann', prev: [], ...assign(['ed']), ...body }, keys);
}

/** `op` with `changes`, its id hashed again from the new content; its signature kept. */
async function rehashed(op: Op, changes: Partial<OpBody>): Promise<Op> {
  const { hlc, device, seq, author, prev, type, payload, sig } = { ...op, ...changes };
  const content = { hlc, device, seq, author, prev, type, payload, sig };
  return { ...content, id: await sha256(canonicalJson(content)) };
}

/** The honest devices, after the attack reached `victim`: everyone syncs, and must agree. */
async function honestAfter(victim: Replica, others: Replica[], now: number) {
  for (const other of others) await syncPair(victim, other, now);
  for (const other of others) await syncPair(victim, other, now);
  for (const other of others) expect(other.derivedState()).toBe(victim.derivedState());
  return victim.query('userLicenses', { user: 'ed' }, now);
}

describe('attacks on the op log', () => {
  it('forged signature: an op for an enrolled device signed with another key is refused', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    inject(
      phone,
      await craft(await createDeviceKeys(), {
        device: 'laptop',
        hlc: hlcAt(start + 1500, 'laptop'),
        seq: 2,
      }),
    );
    await phone.refresh(start + 2000);
    expect(phone.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE']);
    expect(await honestAfter(phone, [laptop], start + 3000)).toEqual({ ok: true, value: [] });
  });

  it('op signed by an unenrolled key: refused as from an unknown device', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    inject(
      laptop,
      await craft(await createDeviceKeys(), { device: 'rogue', hlc: hlcAt(start + 1000, 'rogue') }),
    );
    await laptop.refresh(start + 2000);
    expect(laptop.conflicts.map((c) => c.code)).toEqual(['UNKNOWN_DEVICE']);
    expect(await honestAfter(laptop, [phone], start + 3000)).toEqual({ ok: true, value: [] });
  });

  it('valid op with its payload altered (and re-hashed): refused, the original stands', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op } = await laptop.execute(assign(['di']), 'ann', start + 1000);
    const altered = await rehashed(op!, { payload: { subscription: 'e3', users: ['ed'] } });
    expect(altered.id).not.toBe(op!.id);
    inject(phone, altered);
    await phone.refresh(start + 2000);
    expect(phone.conflicts.map((c) => [c.code, c.by, c.device])).toEqual([
      ['INVALID_SIGNATURE', 'ann', 'laptop'],
    ]);
    expect(await honestAfter(phone, [laptop], start + 3000)).toEqual({ ok: true, value: [] });
    expect(phone.query('userLicenses', { user: 'di' }, start + 3000)).toMatchObject({
      value: [{ subscription: 'e3' }],
    });
  });

  it('replayed op: sent again, or re-stamped with a later time, it counts once', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    const { op } = await laptop.execute(
      { type: 'setTotalLicenses', payload: { subscription: 'e3', total: 5 } },
      'ann',
      start + 1000,
    );
    await syncPair(laptop, phone, start + 2000);
    inject(phone, op!);
    inject(phone, await rehashed(op!, { hlc: hlcAt(start + 5000, 'laptop'), seq: 9 }));
    await phone.refresh(start + 6000);
    expect(phone.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE']);
    expect(phone.opCount).toBe(2);
    await honestAfter(phone, [laptop], start + 7000);
    expect(phone.query('licenses', { subscription: 'e3' }, start + 7000)).toMatchObject({
      value: { valid: 5 },
    });
  });

  it("a plain user's device granting itself Global Administrator is refused, in its own name or another's", async () => {
    const { devices, start, keysOf } = await testDevices(['laptop', 'kiosk'], {}, { kiosk: 'di' });
    const [laptop, kiosk] = [devices.get('laptop')!, devices.get('kiosk')!];
    const grant = { type: 'assignRole', payload: { user: 'di', role: 'GlobalAdministrator' } };
    // The kiosk's own replica refuses both: in di's name nothing is recorded;
    // in ann's, the op is recorded and shown refused, as everywhere else.
    const own = await kiosk.execute(grant, 'di', start + 1000);
    expect(own.ok ? 'ok' : own.refusal.code).toBe('NOT_AUTHORIZED');
    const posing = await kiosk.execute(grant, 'ann', start + 1100);
    expect(posing.ok ? 'ok' : posing.refusal.code).toBe('NOT_AUTHORIZED');
    expect(kiosk.conflicts.map((c) => [c.code, c.by])).toEqual([['NOT_AUTHORIZED', 'ann']]);
    // A modified client signs them anyway: every other replica refuses them.
    const keys = keysOf('kiosk');
    inject(
      laptop,
      await craft(keys, {
        device: 'kiosk',
        hlc: hlcAt(start + 1000, 'kiosk'),
        author: 'di',
        ...grant,
      }),
    );
    inject(
      laptop,
      await craft(keys, {
        device: 'kiosk',
        hlc: hlcAt(start + 1100, 'kiosk'),
        seq: 2,
        author: 'ann',
        ...grant,
      }),
    );
    await laptop.refresh(start + 2000);
    expect(laptop.conflicts.map((c) => [c.code, c.by])).toEqual([
      ['NOT_AUTHORIZED', 'di'],
      ['NOT_AUTHORIZED', 'ann'],
    ]);
    await honestAfter(laptop, [kiosk], start + 3000);
    expect(laptop.conflicts).toHaveLength(3);
    expect(laptop.tenant.users['di'].roles).toEqual([]);
  });

  it('op from a revoked device backdated before its revocation is refused everywhere', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone', 'fresh']);
    const [laptop, phone, fresh] = ['laptop', 'phone', 'fresh'].map((d) => devices.get(d)!);
    await laptop.execute(
      { type: 'assignRole', payload: { user: 'bo', role: 'GlobalAdministrator' } },
      'ann',
      start + 500,
    );
    await phone.execute(assign(['di']), 'ann', start + 1000);
    await syncPair(laptop, phone, start + 1100);
    const revoked = await laptop.execute(
      { type: 'revokeDevice', payload: { device: 'phone' } },
      'bo',
      start + 3000,
    );
    expect(revoked.op?.payload).toEqual({ device: 'phone', afterSeq: 1 });
    // Offline, the phone (its clock set back) takes bo's role away before the
    // revocation, which would leave it unauthorised, and licenses someone.
    await phone.execute(
      { type: 'removeRole', payload: { user: 'bo', role: 'GlobalAdministrator' } },
      'ann',
      start + 2000,
    );
    await phone.execute(assign(['ed']), 'ann', start + 2100);
    await syncPair(laptop, phone, start + 4000);
    Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(phone.doc));
    await fresh.refresh(start + 4000);
    for (const replica of [laptop, phone, fresh]) {
      expect(replica.conflicts.map((c) => [c.code, c.device])).toEqual([
        ['DEVICE_REVOKED', 'phone'],
        ['DEVICE_REVOKED', 'phone'],
      ]);
      expect(replica.derivedState()).toBe(laptop.derivedState());
    }
    expect(laptop.tenant.users['bo'].roles).toContain('GlobalAdministrator');
    expect(laptop.tenant.devices['phone'].revoked).toMatchObject({ afterSeq: 1, by: 'bo' });
    expect(await honestAfter(laptop, [phone], start + 5000)).toEqual({ ok: true, value: [] });
    // What the phone did before its revocation stands.
    expect(laptop.query('userLicenses', { user: 'di' }, start + 5000)).toMatchObject({
      value: [{ subscription: 'e3' }],
    });
  });

  it("removing a person's role or deleting the person cuts their device's later ops, and only those", async () => {
    const { devices, start } = await testDevices(
      ['laptop', 'desk', 'tablet'],
      {},
      {
        desk: 'cy',
        tablet: 'bo',
      },
    );
    const [laptop, desk, tablet] = ['laptop', 'desk', 'tablet'].map((d) => devices.get(d)!);
    // Before anything is taken from them, each holder's work counts.
    await desk.execute(assign(['di']), 'cy', start + 1000);
    await tablet.execute(
      { type: 'setRecurringBilling', payload: { subscription: 'e3', on: false } },
      'bo',
      start + 1100,
    );
    for (const other of [desk, tablet]) await syncPair(laptop, other, start + 1200);
    await laptop.execute(
      { type: 'removeRole', payload: { user: 'cy', role: 'LicenseAdministrator' } },
      'ann',
      start + 2000,
    );
    await laptop.execute({ type: 'deleteUser', payload: { user: 'bo' } }, 'ann', start + 2100);
    // Offline, not knowing, both devices go on in their person's name.
    await desk.execute(assign(['ed']), 'cy', start + 3000);
    await tablet.execute(
      { type: 'setRecurringBilling', payload: { subscription: 'e3', on: true } },
      'bo',
      start + 3100,
    );
    await honestAfter(laptop, [desk, tablet], start + 4000);
    for (const replica of [laptop, desk, tablet]) {
      expect(replica.conflicts.map((c) => [c.code, c.by, c.device])).toEqual([
        ['NOT_AUTHORIZED', 'cy', 'desk'],
        ['NOT_AUTHORIZED', 'bo', 'tablet'],
      ]);
      expect(replica.query('userLicenses', { user: 'di' }, start + 4000)).toMatchObject({
        value: [{ subscription: 'e3' }],
      });
      expect(replica.query('userLicenses', { user: 'ed' }, start + 4000)).toEqual({
        ok: true,
        value: [],
      });
      expect(replica.tenant.subscriptions['e3'].recurringBilling).toBe(false);
    }
  });

  it("a plain user revoking an admin's device is refused, and cuts nothing", async () => {
    const { devices, start, restart, keysOf } = await testDevices(['laptop', 'kiosk']);
    const [laptop, kiosk] = [devices.get('laptop')!, devices.get('kiosk')!];
    const revoke = { type: 'revokeDevice', payload: { device: 'laptop', afterSeq: 0 } };
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    const attempt = await kiosk.execute(revoke, 'di', start + 2000);
    expect(attempt.ok ? 'ok' : attempt.refusal.code).toBe('NOT_AUTHORIZED');
    // A modified client signs it anyway, to cut the laptop off before its first op.
    inject(
      laptop,
      await craft(keysOf('kiosk'), {
        device: 'kiosk',
        hlc: hlcAt(start + 2000, 'kiosk'),
        author: 'di',
        ...revoke,
      }),
    );
    await laptop.refresh(start + 3000);
    expect(laptop.conflicts.map((c) => [c.code, c.by])).toEqual([['NOT_AUTHORIZED', 'di']]);
    // The refused revocation stays without effect after a restart and later work.
    const reopened = await restart(laptop);
    await reopened.execute(assign(['ed']), 'ann', start + 4000);
    expect(reopened.conflicts.map((c) => [c.code, c.by])).toEqual([['NOT_AUTHORIZED', 'di']]);
    expect(reopened.query('licenses', { subscription: 'e3' }, start + 4000)).toMatchObject({
      value: { assigned: 2 },
    });
    await honestAfter(reopened, [kiosk], start + 5000);
  });

  it('clock set a year ahead: the op is held back and reported, not applied', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['ed']), 'ann', start + YEAR_MS);
    await syncPair(laptop, phone, start + 1000);
    expect(phone.notices.map((n) => n.reason)).toEqual(['clockDrift']);
    expect(phone.opCount).toBe(0);
    expect(phone.query('userLicenses', { user: 'ed' }, start + 1000)).toEqual({
      ok: true,
      value: [],
    });
  });
});
