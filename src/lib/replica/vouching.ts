import type { Op } from './op';

/**
 * Which key each op is authentic under, checking as few signatures as possible.
 *
 * Every op names its own device's previous op in `prev` (replica.ts keeps
 * that head to ops it holds as authentic), so a device's ops form a hash
 * chain: a signed op vouches for the ops of its device it names, whose
 * content its signer had and whose ids are their content hashes. Taking in a
 * device's 2,000 offline ops then costs one signature check and 2,000 hashes.
 *
 * The rule, which gives the same keys on every replica whatever order the
 * ops arrived in (so replays agree):
 * - a voucher of op P is an op of P's device with a higher seq that names P
 *   in `prev` and has a key itself;
 * - if P has vouchers, P's key is that of the voucher with the smallest id,
 *   provided P's content hashes to its id (else none);
 * - otherwise P's key is the one its signature checks under (null: none).
 */
export interface Checks {
  /** The key fingerprint the op's hash and signature check under, or null. */
  signedBy(op: Op): Promise<string | null>;
  /** Whether the op's content hashes to its id (synchronous: thousands are asked at once). */
  hashes(op: Op): boolean;
}

/** An op already taken in that names an arriving one in `prev`. */
export interface Voucher {
  id: string;
  device: string;
  seq: number;
  key: string | null;
}

/**
 * The keys of `ops` by the rule above. `earlier(id)`: ops already taken in
 * that name `id` in `prev`, with their keys.
 */
export async function keysOf(
  ops: readonly Op[],
  earlier: (id: string) => readonly Voucher[],
  checks: Checks,
): Promise<Map<string, string | null>> {
  const byId = new Map(ops.map((op) => [op.id, op]));
  const within = new Map<string, Op[]>();
  for (const op of ops) {
    for (const id of op.prev) {
      const named = byId.get(id);
      if (named && vouches(op, named)) within.set(id, [...(within.get(id) ?? []), op]);
    }
  }
  const outside = (op: Op) => earlier(op.id).filter((v) => v.key !== null && vouches(v, op));

  // Start at once every signature check that vouching will likely spare no
  // op (a wrong guess costs a check); hashes are asked as each op is decided.
  const signed = new Map<string, Promise<string | null>>();
  for (const op of ops) {
    if (!within.has(op.id) && !outside(op).length) signed.set(op.id, checks.signedBy(op));
  }
  await Promise.all(signed.values());

  // Vouchers have higher seqs: deciding by descending seq decides them first.
  const keys = new Map<string, string | null>();
  for (const op of [...ops].sort((a, b) => b.seq - a.seq)) {
    const vouchers = [
      ...(within.get(op.id) ?? []).map((v) => ({ id: v.id, key: keys.get(v.id) ?? null })),
      ...outside(op),
    ].filter((v) => v.key !== null);
    if (vouchers.length) {
      const first = vouchers.reduce((a, b) => (b.id < a.id ? b : a));
      keys.set(op.id, checks.hashes(op) ? first.key : null);
    } else {
      keys.set(op.id, await (signed.get(op.id) ?? checks.signedBy(op)));
    }
  }
  return keys;
}

/** Whether `voucher` is placed to vouch for `op`: same device, later in its sequence. */
export function vouches(voucher: Pick<Op, 'device' | 'seq'>, op: Pick<Op, 'device' | 'seq'>) {
  return voucher.device === op.device && voucher.seq > op.seq;
}
