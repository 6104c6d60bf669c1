import { describe, expect, it, vi } from 'vitest';
import { syncPair } from '$lib/scenario/devices';
import { testDevices } from '$lib/replica/testDevices';
import { activityFacets, activityOf, filterActivity, NO_FILTER } from './activity';

const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});

describe('activity (SYNC-4)', () => {
  it('lists every op in replay order with who, device, when and whether it took effect', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di', 'ed']), 'ann', start + 1000);
    await phone.execute(assign(['bo', 'cy']), 'cy', start + 2000);
    await syncPair(laptop, phone, start + 3000);

    expect(
      activityOf(phone).map((e) => [e.author, e.device, e.at - start, e.refused?.code ?? 'ok']),
    ).toEqual([
      ['ann', 'laptop', 1000, 'ok'],
      ['cy', 'phone', 2000, 'COUNT_VIOLATION'],
    ]);
  });

  it('takes in new ops, late ones too, without losing the order', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di']), 'ann', start + 3000);
    expect(activityOf(laptop)).toHaveLength(1);
    await laptop.execute(assign(['ed']), 'ann', start + 4000);
    // Made earlier on the phone, arriving later: it sorts first.
    await phone.execute(assign(['bo']), 'cy', start + 1000);
    await syncPair(laptop, phone, start + 5000);
    expect(activityOf(laptop).map((e) => e.at - start)).toEqual([1000, 3000, 4000]);
  });

  it('filters by person, command and outcome, newest first', async () => {
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
    const entries = activityOf(laptop);

    const at = (filter: typeof NO_FILTER) =>
      filterActivity(entries, filter).map((e) => e.at - start);
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

  it('reads a 50,000-op log once, then only what arrives', async () => {
    const { devices, start } = await testDevices(['laptop']);
    const laptop = devices.get('laptop')!;
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    const [template] = activityOf(laptop);
    const op = JSON.parse(laptop.opMap.get(template.op)!) as Record<string, unknown>;
    const fake = (i: number) =>
      JSON.stringify({
        ...op,
        id: `fake-${i}`,
        hlc: `${new Date(start + 2000 + i).toISOString()}-0000-laptop`,
        seq: i + 2,
      });
    laptop.doc.transact(() => {
      for (let i = 0; i < 50_000; i++) laptop.opMap.set(`fake-${i}`, fake(i));
    });
    const parse = vi.spyOn(JSON, 'parse');
    expect(activityOf(laptop)).toHaveLength(50_001);
    expect(parse).toHaveBeenCalledTimes(50_000);
    parse.mockClear();
    expect(activityOf(laptop)).toHaveLength(50_001);
    expect(parse).not.toHaveBeenCalled();
    laptop.doc.transact(() =>
      laptop.opMap.set('fake-last', fake(50_000).replace('fake-50000', 'fake-last')),
    );
    expect(activityOf(laptop).at(-1)!.op).toBe('fake-last');
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
  });
});
