import { describe, expect, it } from 'vitest';
import { syncPair } from '$lib/scenario/devices';
import { testDevices } from '$lib/replica/testDevices';
import { activityFacets, filterActivity, NO_FILTER } from './activity';

const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});

describe('activity filters (SYNC-4)', () => {
  it('filters the replica activity by person, command and outcome, newest first', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di', 'ed']), 'ann', start + 1000);
    await laptop.execute(
      { type: 'setTotalLicenses', payload: { subscription: 'e3', total: 4 } },
      'ann',
      start + 1500,
    );
    await phone.execute(assign(['bo', 'cy']), 'cy', start + 2000);
    await syncPair(laptop, phone, start + 3000);
    const entries = laptop.activity();

    const at = (filter: typeof NO_FILTER) =>
      filterActivity(entries, filter).map((e) => e.time - start);
    expect(at(NO_FILTER)).toEqual([2000, 1500, 1000]);
    expect(at({ ...NO_FILTER, person: 'ann' })).toEqual([1500, 1000]);
    expect(at({ ...NO_FILTER, command: 'setTotalLicenses' })).toEqual([1500]);
    expect(at({ ...NO_FILTER, outcome: 'refused' })).toEqual([]);
    expect(at({ ...NO_FILTER, outcome: 'tookEffect' })).toEqual([2000, 1500, 1000]);
    expect(activityFacets(entries)).toEqual({
      authors: ['ann', 'cy'],
      commands: ['assignLicenses', 'setTotalLicenses'],
    });
  });

  it('tells changes that took effect from those refused after a merge', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di', 'ed']), 'ann', start + 1000);
    await phone.execute(assign(['bo', 'cy']), 'cy', start + 2000);
    await syncPair(laptop, phone, start + 3000);
    const entries = phone.activity();

    const shown = (outcome: (typeof NO_FILTER)['outcome']) =>
      filterActivity(entries, { ...NO_FILTER, outcome }).map((e) => [
        e.author,
        e.device,
        e.time - start,
        e.outcome?.code ?? 'ok',
      ]);
    expect(shown('refused')).toEqual([['cy', 'phone', 2000, 'COUNT_VIOLATION']]);
    expect(shown('tookEffect')).toEqual([['ann', 'laptop', 1000, 'ok']]);
    expect(filterActivity(entries, { ...NO_FILTER, person: null })).toEqual([]);
  });
});
