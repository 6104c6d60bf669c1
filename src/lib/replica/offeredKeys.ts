import type { PublicKeyJwk } from '../domain/types';
import type { Op } from './op';

type KeyPayload = { device?: unknown; publicKey?: PublicKeyJwk } | null;

const wellFormed = (jwk: PublicKeyJwk | undefined): jwk is PublicKeyJwk =>
  typeof jwk?.x === 'string' && typeof jwk.y === 'string';

/** The key a joining device's own op enrols: the op must be signed with it. */
export function joiningKey(op: Pick<Op, 'type' | 'device' | 'payload'>): PublicKeyJwk | null {
  if (op.type !== 'joinWithInvitation') return null;
  const p = op.payload as KeyPayload;
  return p?.device === op.device && wellFormed(p.publicKey) ? p.publicKey : null;
}

/**
 * The device key an op hands out, if any: the tenant's first device, one an
 * admin enrols, or an invited device enrolling itself. Read from untrusted
 * ops: whether the key counts is for the replay to decide.
 */
export function offeredKeyOf(op: Op): [device: string, key: PublicKeyJwk] | null {
  const p = op.payload as KeyPayload;
  if (op.type === 'enrolDevice' && typeof p?.device === 'string' && wellFormed(p.publicKey)) {
    return [p.device, p.publicKey];
  }
  const created = p?.device as { id?: unknown; publicKey?: PublicKeyJwk } | undefined;
  if (op.type === 'createTenant' && typeof created?.id === 'string') {
    return wellFormed(created.publicKey) ? [created.id, created.publicKey] : null;
  }
  const joining = joiningKey(op);
  return joining ? [op.device, joining] : null;
}

/** The public key of an invitation an op makes (its secret never is in the log). */
export function invitationKeyOf(op: Op): PublicKeyJwk | null {
  const p = op.payload as KeyPayload;
  return op.type === 'createInvitation' && wellFormed(p?.publicKey) ? p.publicKey : null;
}
