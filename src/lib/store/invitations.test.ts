import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../domain/catalogue/catalogue';
import { exportSyncFile } from '../replica/syncFile';
import { openDb } from './db';
import {
  bundledOps,
  importBundledOps,
  invitationArrived,
  invite,
  spendInvitation,
} from './invitations';
import { joinTenant } from './joinTenant';
import { TenantSession } from './tenantSession';

const catalogue = await loadCatalogue();
let clockValue = Date.UTC(2026, 2, 2, 9);
const clock = () => (clockValue += 1000);

async function contoso() {
  const { session } = await TenantSession.create(
    openDb('inviter'),
    {
      name: 'Contoso',
      billingAccountType: 'MOSA',
      creator: { id: 'ann', displayName: 'Ann Berg', usageLocation: 'SE' },
    },
    catalogue,
    clock,
  );
  return session;
}

describe('invitations between two browsers, files only (SYNC-5)', () => {
  it('a person enrols a second device of their own with an invitation file, and both agree', async () => {
    const laptop = await contoso();
    const invited = await invite(laptop, { person: 'ann', author: 'ann' });
    if (!invited.ok) throw new Error(invited.refusal.message);
    const bundle = { ...invited.bundle, sync: await bundledOps(laptop, clock()) };
    expect(bundle.sync).not.toContain(bundle.secret);
    // The ops travel sealed; the tenant key travels in the invitation itself.
    expect(bundle.sync).not.toContain('Ann Berg');
    expect(bundle.keys).toHaveLength(1);

    // A browser without the key cannot take the ops in, and is told why.
    const outsider = await joinTenant(openDb('outsider'), bundle.tenant, catalogue, { clock });
    expect(await importBundledOps(outsider, bundle, clock())).toMatchObject({
      ok: false,
      error: { code: 'SEALED' },
    });
    expect(outsider.replica.opCount).toBe(0);
    await outsider.close();

    const phone = await joinTenant(openDb('phone'), bundle.tenant, catalogue, {
      name: bundle.tenantName,
      clock,
      tenantKeys: bundle.keys!,
    });
    expect(await importBundledOps(phone, bundle, clock())).toMatchObject({ ok: true });
    expect(phone.tenant.name).toBe('Contoso');
    expect(await invitationArrived(phone, bundle.invitation, 10)).toBe(true);
    expect(await spendInvitation(phone, bundle)).toMatchObject({ ok: true });
    expect(phone.tenant.devices[phone.replica.device]?.person).toBe('ann');
    expect(await phone.db.tenants.get(phone.tenantId)).toMatchObject({
      name: 'Contoso',
      person: 'ann',
    });

    const back = await exportSyncFile(phone.replica, { tenant: phone.tenantId, now: clock() });
    // The screens hear of the file once its ops are replayed, not before.
    const seen: boolean[] = [];
    laptop.subscribe(() => seen.push(!!laptop.tenant.devices[phone.replica.device]));
    expect(await laptop.importSyncFile(back, clock())).toMatchObject({ ok: true, added: 1 });
    expect(seen.at(-1)).toBe(true);
    expect(laptop.replica.derivedState()).toBe(phone.replica.derivedState());
    expect(laptop.tenant.invitations?.[bundle.invitation]?.used?.device).toBe(phone.replica.device);

    // Opening the same link again on the joined device changes nothing.
    expect(await spendInvitation(phone, bundle)).toMatchObject({ ok: true });
    expect(phone.replica.conflicts).toEqual([]);
    await Promise.all([laptop.close(), phone.close()]);
  });

  it('a device whose copy of the tenant lacks the invitation waits, then says it has not arrived', async () => {
    const laptop = await contoso();
    const invited = await invite(laptop, { person: 'ann', author: 'ann' });
    if (!invited.ok) throw new Error(invited.refusal.message);
    const phone = await joinTenant(openDb('phone-2'), invited.bundle.tenant, catalogue, { clock });
    expect(await invitationArrived(phone, invited.bundle.invitation, 50)).toBe(false);
    await Promise.all([laptop.close(), phone.close()]);
  });

  it("a browser that is already someone's device leaves an invitation for another person unspent", async () => {
    const laptop = await contoso();
    const added = await laptop.execute(
      { type: 'addUser', payload: { id: 'bo', displayName: 'Bo Ek', usageLocation: 'SE' } },
      'ann',
    );
    expect(added.ok).toBe(true);
    const invited = await invite(laptop, { person: 'bo', author: 'ann' });
    if (!invited.ok) throw new Error(invited.refusal.message);
    // Ann opens Bo's link on her own laptop, which holds the tenant as her device.
    expect(await spendInvitation(laptop, invited.bundle)).toEqual({
      ok: false,
      heldAs: 'Ann Berg',
    });
    expect(laptop.tenant.invitations?.[invited.bundle.invitation]?.used).toBeUndefined();
    await laptop.close();
  });

  it('only a Global or User Administrator can invite; a refused invitation hands out no secret', async () => {
    const laptop = await contoso();
    const refused = await invite(laptop, { person: 'ann', author: 'zed' });
    expect(refused.ok ? 'ok' : refused.refusal.code).not.toBe('ok');
    expect('bundle' in refused).toBe(false);
    await laptop.close();
  });
});
