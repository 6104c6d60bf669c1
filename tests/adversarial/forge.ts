// What a hostile peer or a modified client can do to a replica's log, for the attacks.
import type { Op } from '../../src/lib/replica/op';
import type { Replica } from '../../src/lib/replica/replica';

/** Writes an op straight into a replica's document, as a hostile peer could. */
export function inject(replica: Replica, op: Op): void {
  replica.doc.transact(() => replica.opMap.set(op.id, JSON.stringify(op)), 'attacker');
}

/** A clock reading for `device` at `millis`, as an op carries it. */
export const hlcAt = (millis: number, device: string) =>
  `${new Date(millis).toISOString()}-0000-${device}`;
