import { describe, expect, it } from 'vitest';
import { syncPair } from '$lib/scenario/devices';
import { testDevices } from '$lib/replica/testDevices';
import type { Conflict } from '$lib/replica/conflict';
import { inbox, openConflictCount, resolutionsOf, retryCommand } from './conflictList';

/** Two admins take the last licenses of e3 (3 in all) offline; the later one conflicts. */
async function lastLicenseTakenTwice() {
  const { devices, start } = await testDevices(['laptop', 'phone']);
  const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
  const assign = (users: string[]) => ({
    type: 'assignLicenses',
    payload: { subscription: 'e3', users },
  });
  expect((await laptop.execute(assign(['di', 'ed']), 'ann', start + 1000)).ok).toBe(true);
  expect((await phone.execute(assign(['bo', 'cy']), 'cy', start + 2000)).ok).toBe(true);
  await syncPair(laptop, phone, start + 3000);
  return { laptop, phone, start };
}

describe('the conflict inbox (SYNC-3)', () => {
  it('offers Retry, Buy one more license and Unassign someone first for a count problem', async () => {
    const { laptop } = await lastLicenseTakenTwice();
    const [conflict] = laptop.conflicts;
    expect(conflict).toMatchObject({ code: 'COUNT_VIOLATION', by: 'cy', device: 'phone' });
    expect(resolutionsOf(conflict, laptop.tenant)).toEqual([
      {
        kind: 'retry',
        command: { type: 'assignLicenses', payload: { subscription: 'e3', users: ['bo', 'cy'] } },
      },
      { kind: 'buyOneMore', subscription: 'e3', total: 4 },
      { kind: 'unassignFirst', product: 'ENTERPRISEPACK' },
    ]);
  });

  it('hides a conflict once any admin dismisses it, on every device, and shows it on request', async () => {
    const { laptop, phone, start } = await lastLicenseTakenTwice();
    const op = laptop.conflicts[0].op;
    expect(openConflictCount(phone.conflicts, phone.tenant)).toBe(1);
    const dismissed = await laptop.execute(
      { type: 'dismissConflict', payload: { op } },
      'ann',
      start + 4000,
    );
    expect(dismissed.ok).toBe(true);
    await syncPair(laptop, phone, start + 5000);
    for (const replica of [laptop, phone]) {
      expect(inbox(replica.conflicts, replica.tenant, false)).toEqual([]);
      expect(inbox(replica.conflicts, replica.tenant, true)).toEqual([
        { conflict: replica.conflicts[0], dismissed: true },
      ]);
      expect(openConflictCount(replica.conflicts, replica.tenant)).toBe(0);
    }
  });

  it('lists the newest conflict first', async () => {
    const { laptop } = await lastLicenseTakenTwice();
    const older = { ...laptop.conflicts[0], op: 'older' };
    const newer = { ...laptop.conflicts[0], op: 'newer' };
    expect(inbox([older, newer], laptop.tenant, false).map((i) => i.conflict.op)).toEqual([
      'newer',
      'older',
    ]);
  });
});

describe('resolutions', () => {
  const base: Conflict = {
    op: 'x',
    by: 'ann',
    device: 'laptop',
    do: 'setTotalLicenses',
    code: 'CONCURRENT_CHANGE',
    message: 'Someone else changed the licenses of this subscription first; it now has 5.',
    at: '2026-03-02T08:00:00Z',
    payload: { subscription: 'e3', total: 4, basedOn: 1 },
  };

  it('retries a total change against the total as it is now, not the stale one', () => {
    expect(retryCommand(base)).toEqual({
      type: 'setTotalLicenses',
      payload: { subscription: 'e3', total: 4 },
    });
  });

  it('offers Unassign someone first, not Buy, when a removal went below the assigned count', async () => {
    const { laptop } = await lastLicenseTakenTwice();
    const below = { ...base, code: 'BELOW_ASSIGNED' as const };
    expect(resolutionsOf(below, laptop.tenant).map((r) => r.kind)).toEqual([
      'retry',
      'unassignFirst',
    ]);
  });

  it('never re-signs a forged change, and offers nothing for an unknown subscription', async () => {
    const { laptop } = await lastLicenseTakenTwice();
    const forged = { ...base, code: 'INVALID_SIGNATURE' as const };
    expect(resolutionsOf(forged, laptop.tenant)).toEqual([]);
    const unknown = {
      ...base,
      code: 'COUNT_VIOLATION' as const,
      payload: { subscription: 'nope' },
    };
    expect(resolutionsOf(unknown, laptop.tenant).map((r) => r.kind)).toEqual(['retry']);
  });
});
