import { describe, expect, it } from 'vitest';
import type { Op } from './op';
import { keysOf, type Checks } from './vouching';

/** An op with just what vouching looks at. */
function op(id: string, device: string, seq: number, prev: string[]): Op {
  return { id, device, seq, prev, hlc: '', author: null, type: 't', payload: null, sig: '' };
}

/** Checks that answer from sets, and count what was asked. */
function checks(signed: Set<string>, whole: Set<string>) {
  const asked = { signatures: [] as string[], hashes: [] as string[] };
  const answers: Checks = {
    signedBy: (o) => {
      asked.signatures.push(o.id);
      return Promise.resolve(signed.has(o.id) && whole.has(o.id) ? `key-${o.device}` : null);
    },
    hashes: (o) => {
      asked.hashes.push(o.id);
      return whole.has(o.id);
    },
  };
  return { answers, asked };
}

/** d's chain of `n` ops: d1 ← d2 ← … ← dn, each naming its predecessor. */
const chain = (d: string, n: number) =>
  Array.from({ length: n }, (_, i) => op(`${d}${i + 1}`, d, i + 1, i ? [`${d}${i}`] : []));

describe('vouching', () => {
  it("checks one signature for a device's chain of ops, and a hash for each", async () => {
    const ops = chain('d', 50);
    const all = new Set(ops.map((o) => o.id));
    const { answers, asked } = checks(all, all);
    const keys = await keysOf(ops, () => [], answers);
    expect([...keys.values()]).toEqual(ops.map(() => 'key-d'));
    expect(asked.signatures).toEqual(['d50']);
    expect(asked.hashes).toHaveLength(49);
  });

  it('does not take an op whose content no longer hashes to its id, though it is named', async () => {
    const ops = chain('d', 3);
    const { answers, asked } = checks(new Set(['d1', 'd3']), new Set(['d1', 'd3']));
    const keys = await keysOf(ops, () => [], answers);
    expect(Object.fromEntries(keys)).toEqual({ d1: 'key-d', d2: null, d3: 'key-d' });
    // d2 vouches for nothing, so d1 is checked on its own signature.
    expect(asked.signatures).toEqual(['d3', 'd1']);
  });

  it("is not vouched for by another device's op, nor by an op that has no key", async () => {
    const forged = op('f', 'd', 7, []);
    const other = op('e1', 'e', 1, ['f']);
    const unsigned = op('d8', 'd', 8, ['f']);
    const ids = new Set(['f', 'e1', 'd8']);
    const { answers } = checks(new Set(['e1']), ids);
    const keys = await keysOf([forged, other, unsigned], () => [], answers);
    expect(Object.fromEntries(keys)).toEqual({ f: null, e1: 'key-e', d8: null });
  });

  it('is vouched for by an op taken in earlier that named it before it arrived', async () => {
    const late = op('d1', 'd', 1, []);
    const { answers, asked } = checks(new Set(), new Set(['d1']));
    const earlier = (id: string) =>
      id === 'd1' ? [{ id: 'd2', device: 'd', seq: 2, key: 'k' }] : [];
    expect(Object.fromEntries(await keysOf([late], earlier, answers))).toEqual({ d1: 'k' });
    expect(asked.signatures).toEqual([]);
  });

  it('takes the key of the voucher with the smallest id when a fork gives several', async () => {
    const base = op('d1', 'd', 1, []);
    const forks = [op('d2b', 'd', 2, ['d1']), op('d2a', 'd', 2, ['d1'])];
    const ids = new Set(['d1', 'd2a', 'd2b']);
    const signedBy = (o: Op) => Promise.resolve(o.id === 'd1' ? null : `key-${o.id}`);
    const keys = await keysOf([base, ...forks], () => [], {
      signedBy,
      hashes: (o) => ids.has(o.id),
    });
    expect(keys.get('d1')).toBe('key-d2a');
  });
});
