import type { Op } from './op';

/**
 * Tentative or stable (ARCHITECTURE.md): an op is stable once every other
 * device of the tenant has been seen past it, that is, once the latest op of
 * each names, through `prev`, a head of the op's device at or after it.
 * Worked out once for all ops: per device, the highest seq that all the
 * others have seen.
 */
export function stabilityOf(
  latest: ReadonlyMap<string, Op>,
  opById: (id: string) => Op | undefined,
  devices: readonly string[],
  self: string,
): (op: Op) => boolean {
  const knowledge = new Map<string, Map<string, number>>();
  for (const [device, op] of latest) {
    const seen = new Map<string, number>([[device, op.seq]]);
    for (const id of op.prev) {
      const head = opById(id);
      if (head) seen.set(head.device, Math.max(seen.get(head.device) ?? 0, head.seq));
    }
    knowledge.set(device, seen);
  }
  const others = devices.filter((device) => device !== self);
  const seenByAll = new Map<string, number>();
  const frontier = (device: string): number => {
    let seq = seenByAll.get(device);
    if (seq === undefined) {
      seq = Infinity;
      for (const other of others) seq = Math.min(seq, knowledge.get(other)?.get(device) ?? 0);
      seenByAll.set(device, seq);
    }
    return seq;
  };
  return (op) => op.seq <= frontier(op.device);
}
