import { refuse, type Refusal } from '../domain/refusal';
import type { PublicKeyJwk, Tenant } from '../domain/types';
import { fingerprint } from './deviceKeys';
import { joiningKey } from './offeredKeys';
import type { Op } from './op';

/**
 * Who signs an op, for whom, and what it says: enough to know the key it
 * needs. No `seq`: a command not yet signed, which comes after all its device's ops.
 */
type Signed = Pick<Op, 'device' | 'author' | 'type' | 'payload'> & { seq?: number };

/** The key an op must be signed with at its position in the log. */
export function expectedKey(tenant: Tenant, op: Signed): PublicKeyJwk | null {
  const enrolled = tenant.devices[op.device];
  if (enrolled) return enrolled.publicKey;
  // The tenant's first op enrols the device that signs it.
  const payload = op.payload as { device?: { id?: unknown; publicKey?: PublicKeyJwk } } | null;
  if (op.type === 'createTenant' && payload?.device?.id === op.device && payload.device.publicKey) {
    return payload.device.publicKey;
  }
  // An invited device enrols itself (its proof is checked as it is taken in).
  return joiningKey(op);
}

/**
 * Why an op can't be applied at its position for who signed it, or null when
 * it can (SYNC-5): its device enrolled, its key that device's, and its author
 * the person the device is bound to (a device bound to no one is shared).
 */
export function signatureRefusal(tenant: Tenant, op: Signed, key: string | null): Refusal | null {
  const expected = expectedKey(tenant, op);
  if (!expected) {
    return refuse(
      'UNKNOWN_DEVICE',
      `The device "${op.device}" was not enrolled in the tenant when this change was made.`,
      'Ask a Global Administrator to add the device, then make the change again.',
    );
  }
  if (key !== fingerprint(expected)) {
    return refuse(
      'INVALID_SIGNATURE',
      "This change's signature does not match its content or its device's key: it was altered or forged.",
      'Nothing to do: it was not applied. If it came from a sync file, ask for a fresh export.',
    );
  }
  const revoked = tenant.devices[op.device]?.revoked;
  if (revoked && (op.seq ?? Infinity) > revoked.afterSeq) {
    return revokedRefusal(op.device, revoked.afterSeq);
  }
  const person = tenant.devices[op.device]?.person ?? null;
  if (person !== null && op.author !== person) {
    return refuse(
      'NOT_AUTHORIZED',
      `This change names "${op.author ?? 'no one'}" as its author, but the device "${op.device}" is enrolled for "${person}".`,
      'Make the change on a device enrolled for you, or ask a Global Administrator to enrol one.',
    );
  }
  return null;
}

/** SYNC-5: a revoked device's ops past its cut, wherever they sort. */
export function revokedRefusal(device: string, afterSeq: number): Refusal {
  return refuse(
    'DEVICE_REVOKED',
    `The device "${device}" was revoked: what it changed after its first ${afterSeq} changes is not accepted.`,
    'Make the change again from a device that is still enrolled.',
  );
}
