import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { syncPair } from '../scenario/devices';
import { createDeviceKeys } from './deviceKeys';
import { joinCommand, newInvitation } from './invitation';
import { Replica } from './replica';
import { testDevices } from './testDevices';

const HOUR = 3_600_000;

/** A tenant's laptop (Ann, Global Administrator) and a new browser that has a copy of its log. */
async function invitedDevice() {
  const { devices, start, base, catalogue } = await testDevices(['laptop']);
  const laptop = devices.get('laptop')!;
  const keys = await createDeviceKeys();
  const kiosk = new Replica({ device: 'kiosk', keys, base, catalogue });
  const copyLog = async (now: number) => {
    Y.applyUpdate(kiosk.doc, Y.encodeStateAsUpdate(laptop.doc));
    await kiosk.refresh(now);
  };
  return { laptop, kiosk, keys, start, copyLog };
}

describe('invitations (SYNC-5)', () => {
  it('an invited device enrols itself, bound to the invited person, and every replica agrees', async () => {
    const { laptop, kiosk, keys, start, copyLog } = await invitedDevice();
    const invitation = await newInvitation('di');
    expect(JSON.stringify(invitation.command)).not.toContain(invitation.secret.split('.')[0]);
    expect((await laptop.execute(invitation.command, 'ann', start + 1000)).ok).toBe(true);
    await copyLog(start + 2000);
    const join = await joinCommand(invitation.secret, 'kiosk', keys.publicJwk);
    const joined = await kiosk.execute(join, 'di', start + 3000);
    expect(joined.ok ? 'ok' : joined.refusal.code).toBe('ok');
    await syncPair(laptop, kiosk, start + 4000);
    for (const replica of [laptop, kiosk]) {
      expect(replica.tenant.devices['kiosk']).toMatchObject({ person: 'di' });
      expect(replica.tenant.invitations?.[invitation.id].used).toEqual({
        device: 'kiosk',
        at: start + 3000,
      });
      expect(replica.conflicts).toEqual([]);
    }
    // Enrolled, the kiosk acts as di, and only as di.
    const posing = await kiosk.execute(
      { type: 'deleteUser', payload: { user: 'ed' } },
      'ann',
      start + 5000,
    );
    expect(posing.ok ? 'ok' : posing.refusal.code).toBe('NOT_AUTHORIZED');
    await syncPair(laptop, kiosk, start + 6000);
    expect(laptop.derivedState()).toBe(kiosk.derivedState());
  });

  it('only a Global or User Administrator may invite, and only an active person', async () => {
    const { devices, start } = await testDevices(['laptop']);
    const laptop = devices.get('laptop')!;
    const byLicenseAdmin = await laptop.execute((await newInvitation('di')).command, 'cy', start);
    expect(byLicenseAdmin.ok ? 'ok' : byLicenseAdmin.refusal.code).toBe('NOT_AUTHORIZED');
    const forNobody = await laptop.execute((await newInvitation('zed')).command, 'ann', start);
    expect(forNobody.ok ? 'ok' : forNobody.refusal.code).toBe('USER_NOT_FOUND');
    const tooLong = await laptop.execute(
      (await newInvitation('di', 24 * 30)).command,
      'ann',
      start,
    );
    expect(tooLong.ok ? 'ok' : tooLong.refusal.code).toBe('INVALID_INPUT');
  });

  it('an invitation expires after 48 hours unless its maker chose otherwise', async () => {
    const { laptop, kiosk, keys, start, copyLog } = await invitedDevice();
    const invitation = await newInvitation('di');
    await laptop.execute(invitation.command, 'ann', start);
    await copyLog(start + 1000);
    const join = await joinCommand(invitation.secret, 'kiosk', keys.publicJwk);
    const late = await kiosk.execute(join, 'di', start + 48 * HOUR + 1);
    expect(late.ok ? 'ok' : late.refusal.code).toBe('INVITATION_EXPIRED');
    expect(laptop.tenant.invitations?.[invitation.id].expiresAt).toBe(start + 48 * HOUR);
  });
});
