/**
 * Attacks on device enrolment by invitation (SYNC-5), through real replicas:
 * each fails on every replica, and no device gets in that should not.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createDeviceKeys, type DeviceKeys } from '../../src/lib/replica/deviceKeys';
import { joinCommand, newInvitation } from '../../src/lib/replica/invitation';
import { signOp } from '../../src/lib/replica/op';
import { Replica } from '../../src/lib/replica/replica';
import { testDevices } from '../../src/lib/replica/testDevices';
import { syncPair } from '../../src/lib/scenario/devices';
import { hlcAt, inject } from './forge';

const HOUR = 3_600_000;

/** Ann's laptop has invited di; `newcomer()` is a fresh browser holding a copy of the log. */
async function invited(hours?: number) {
  const { devices, start, base, catalogue, keysOf } = await testDevices(
    ['laptop', 'kiosk'],
    {},
    {
      kiosk: 'di',
    },
  );
  const laptop = devices.get('laptop')!;
  const invitation = await newInvitation('di', hours);
  expect((await laptop.execute(invitation.command, 'ann', start + 1000)).ok).toBe(true);
  const newcomer = async (device: string) => {
    const keys = await createDeviceKeys();
    const replica = new Replica({ device, keys, base, catalogue });
    Y.applyUpdate(replica.doc, Y.encodeStateAsUpdate(laptop.doc));
    await replica.refresh(start + 2000);
    return { replica, keys };
  };
  return { laptop, kiosk: devices.get('kiosk')!, keysOf, invitation, newcomer, start };
}

/** An op a modified client signs and writes into `target`, whatever its own replica said. */
async function signInto(target: Replica, keys: DeviceKeys, body: Parameters<typeof signOp>[0]) {
  inject(target, await signOp(body, keys));
}

describe('attacks on invitations', () => {
  it('invitation used twice: the first use enrols, the second is refused everywhere', async () => {
    const { laptop, invitation, newcomer, start } = await invited();
    const [first, second] = [await newcomer('tablet'), await newcomer('stolen')];
    for (const [i, { replica, keys }] of [first, second].entries()) {
      const join = await joinCommand(invitation.secret, replica.device, keys.publicJwk);
      expect((await replica.execute(join, 'di', start + 3000 + i * 1000)).ok).toBe(true);
    }
    await syncPair(laptop, first.replica, start + 6000);
    await syncPair(laptop, second.replica, start + 6000);
    await syncPair(laptop, first.replica, start + 6000);
    for (const replica of [laptop, first.replica, second.replica]) {
      expect(Object.keys(replica.tenant.devices).sort()).toEqual(['kiosk', 'laptop', 'tablet']);
      expect(replica.conflicts.map((c) => [c.code, c.device])).toEqual([
        ['INVITATION_USED', 'stolen'],
      ]);
      expect(replica.derivedState()).toBe(laptop.derivedState());
    }
  });

  it('expired invitation: refused, on the joining device and everywhere else', async () => {
    const { laptop, invitation, newcomer, start } = await invited(1);
    const { replica, keys } = await newcomer('tablet');
    const join = await joinCommand(invitation.secret, 'tablet', keys.publicJwk);
    const late = await replica.execute(join, 'di', start + 1000 + HOUR + 1);
    expect(late.ok ? 'ok' : late.refusal.code).toBe('INVITATION_EXPIRED');
    // A modified client records it anyway.
    await signInto(laptop, keys, {
      hlc: hlcAt(start + 1000 + HOUR + 1, 'tablet'),
      device: 'tablet',
      seq: 1,
      author: 'di',
      prev: [],
      ...join,
    });
    await laptop.refresh(start + 2 * HOUR);
    expect(laptop.conflicts.map((c) => c.code)).toEqual(['INVITATION_EXPIRED']);
    expect(laptop.tenant.devices['tablet']).toBeUndefined();
  });

  it('wrong secret: a proof made with another secret, or copied for another key, enrols nothing', async () => {
    const { laptop, invitation, newcomer, start } = await invited();
    const { replica, keys } = await newcomer('tablet');
    // Another secret, its proof presented for the real invitation.
    const guess = await joinCommand((await newInvitation('di')).secret, 'tablet', keys.publicJwk);
    const wrong = { ...guess, payload: { ...guess.payload, invitation: invitation.id } };
    // The honest proof, made for another device's key, lifted into the attacker's op.
    const honest = await joinCommand(
      invitation.secret,
      'tablet',
      (await createDeviceKeys()).publicJwk,
    );
    const lifted = {
      ...honest,
      payload: { ...honest.payload, publicKey: keys.publicJwk },
    };
    for (const [i, command] of [wrong, lifted].entries()) {
      await signInto(laptop, keys, {
        hlc: hlcAt(start + 3000 + i, 'tablet'),
        device: 'tablet',
        seq: i + 1,
        author: 'di',
        prev: [],
        ...command,
      });
    }
    await laptop.refresh(start + 4000);
    expect(laptop.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE', 'INVALID_SIGNATURE']);
    expect(laptop.tenant.devices['tablet']).toBeUndefined();
    expect(laptop.tenant.invitations?.[invitation.id].used).toBeUndefined();
    // The real secret still works afterwards.
    await syncPair(laptop, replica, start + 5000);
    const join = await joinCommand(invitation.secret, 'tablet', keys.publicJwk);
    expect((await replica.execute(join, 'di', start + 6000)).ok).toBe(true);
  });

  it("a plain user's device making an invitation for itself gets nothing in", async () => {
    const { laptop, kiosk, keysOf, newcomer, start } = await invited();
    const own = await newInvitation('di');
    const made = await kiosk.execute(own.command, 'di', start + 3000);
    expect(made.ok ? 'ok' : made.refusal.code).toBe('NOT_AUTHORIZED');
    await signInto(laptop, keysOf('kiosk'), {
      hlc: hlcAt(start + 3000, 'kiosk'),
      device: 'kiosk',
      seq: 1,
      author: 'di',
      prev: [],
      ...own.command,
    });
    await laptop.refresh(start + 3500);
    const { replica, keys } = await newcomer('tablet');
    const join = await joinCommand(own.secret, 'tablet', keys.publicJwk);
    const refused = await replica.execute(join, 'di', start + 4000);
    expect(refused.ok ? 'ok' : refused.refusal.code).toBe('NOT_FOUND');
    expect(laptop.conflicts.map((c) => c.code)).toEqual(['NOT_AUTHORIZED']);
    expect(laptop.tenant.invitations?.[own.id]).toBeUndefined();
  });

  it('a join signed by another key than the one it enrols is refused as from an unknown device', async () => {
    const { laptop, invitation, newcomer, start } = await invited();
    const { keys } = await newcomer('tablet');
    const other = await createDeviceKeys();
    const join = await joinCommand(invitation.secret, 'tablet', keys.publicJwk);
    await signInto(laptop, other, {
      hlc: hlcAt(start + 3000, 'tablet'),
      device: 'tablet',
      seq: 1,
      author: 'di',
      prev: [],
      ...join,
    });
    await laptop.refresh(start + 4000);
    expect(laptop.conflicts.map((c) => c.code)).toEqual(['INVALID_SIGNATURE']);
    expect(laptop.tenant.devices['tablet']).toBeUndefined();
  });
});
