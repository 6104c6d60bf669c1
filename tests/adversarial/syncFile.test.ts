/**
 * Attacks through a sync file, the field site's only transport: a forger who
 * can read the file and redo every hash in it still cannot get a change in.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/lib/replica/canonical';
import { createDeviceKeys, sha256 } from '../../src/lib/replica/deviceKeys';
import { parseOp, signOp } from '../../src/lib/replica/op';
import type { Replica } from '../../src/lib/replica/replica';
import {
  exportSyncFile,
  importSyncFile,
  type SyncFileHeader,
} from '../../src/lib/replica/syncFile';
import { testDevices } from '../../src/lib/replica/testDevices';

const TENANT = 'contoso.onmicrosoft.com';
const assign = (users: string[]) => ({
  type: 'assignLicenses',
  payload: { subscription: 'e3', users },
});

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The file as the forger rewrites it: its body changed, its checksum made to match, the rest kept. */
async function forged(file: Uint8Array, change: (body: string[]) => Promise<string[]>) {
  const { header, body, ...rest } = JSON.parse(decoder.decode(file)) as {
    header: SyncFileHeader;
    body: string[];
  };
  const next = await change(body);
  const sha = await sha256(JSON.stringify(next));
  // The rest (the key shares) as it was.
  return encoder.encode(
    JSON.stringify({ header: { ...header, ops: next.length, sha256: sha }, body: next, ...rest }),
  );
}

async function refusedWholly(victim: Replica, file: Uint8Array, now: number) {
  const before = { state: victim.derivedState(), ops: victim.opMap.size };
  const result = await importSyncFile(victim, file, { tenant: TENANT, now });
  expect(result.ok ? 'imported' : result.error.code).toBe('TAMPERED');
  expect({ state: victim.derivedState(), ops: victim.opMap.size }).toEqual(before);
}

describe('attacks through a sync file', () => {
  it('tampered sync file: an op altered, its id and the checksum redone, is refused whole', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    const now = start + 5000;
    const honest = await exportSyncFile(laptop, { tenant: TENANT, now });
    const file = await forged(honest, async (body) => {
      const { hlc, device, seq, author, prev, type, sig } = parseOp(body[0])!;
      const content = {
        hlc,
        device,
        seq,
        author,
        prev,
        type,
        sig,
        payload: assign(['ed']).payload,
      };
      return [JSON.stringify({ ...content, id: await sha256(canonicalJson(content)) })];
    });
    await refusedWholly(phone, file, now);
    // The honest file still goes in afterwards: the refusal left nothing behind.
    expect(await importSyncFile(phone, honest, { tenant: TENANT, now })).toEqual({
      ok: true,
      added: 1,
    });
    expect(phone.query('userLicenses', { user: 'ed' }, now)).toEqual({ ok: true, value: [] });
  });

  it('sync file carrying an op signed by a key no device was enrolled with is refused whole', async () => {
    const { devices, start } = await testDevices(['laptop', 'phone']);
    const [laptop, phone] = [devices.get('laptop')!, devices.get('phone')!];
    await laptop.execute(assign(['di']), 'ann', start + 1000);
    const now = start + 5000;
    const stranger = await createDeviceKeys();
    const file = await forged(
      await exportSyncFile(laptop, { tenant: TENANT, now }),
      async (body) => {
        const smuggled = await signOp(
          {
            hlc: `${new Date(start + 2000).toISOString()}-0000-laptop`,
            device: 'laptop',
            seq: 2,
            author: 'ann',
            prev: [],
            ...assign(['ed']),
          },
          stranger,
        );
        return [...body, JSON.stringify(smuggled)];
      },
    );
    await refusedWholly(phone, file, now);
  });
});
