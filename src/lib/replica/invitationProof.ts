import type { PublicKeyJwk, Tenant } from '../domain/types';
import { canonicalJson } from './canonical';
import { fingerprint, importPublicKey, sign, verify } from './deviceKeys';
import { joiningKey } from './offeredKeys';
import type { Op } from './op';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SECRET = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/**
 * An invitation's secret is the private half of a key pair made for it; the
 * tenant's log holds only the public half (SYNC-5). Whoever holds the secret
 * can sign a proof for one device key; no one else can.
 */
export interface InvitationSecret {
  publicJwk: PublicKeyJwk;
  /** `d.x.y` of the private key, base64url: shown once, never stored by the tenant. */
  secret: string;
}

export async function createInvitationSecret(): Promise<InvitationSecret> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const { x, y, d } = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { publicJwk: { kty: 'EC', crv: 'P-256', x: x!, y: y! }, secret: `${d}.${x}.${y}` };
}

/** The invitation's public key from its secret, or null when the text is not one. */
export function publicKeyOfSecret(secret: string): PublicKeyJwk | null {
  const parts = SECRET.exec(secret.trim());
  return parts ? { kty: 'EC', crv: 'P-256', x: parts[2], y: parts[3] } : null;
}

/** What a proof signs: the device and the key the invitation is spent on. */
function proofText(device: string, publicKey: PublicKeyJwk): string {
  return canonicalJson({ purpose: 'seats-invitation', device, key: fingerprint(publicKey) });
}

/** Signs, with the invitation's secret, that `device` with `publicKey` may use it. */
export async function signProof(
  secret: string,
  device: string,
  publicKey: PublicKeyJwk,
): Promise<string> {
  const parts = SECRET.exec(secret.trim());
  if (!parts) throw new Error('not an invitation secret');
  const [, d, x, y] = parts;
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty: 'EC', crv: 'P-256', d, x, y, ext: false },
    ALGORITHM,
    false,
    ['sign'],
  );
  return sign(key, proofText(device, publicKey));
}

/**
 * Whether a joinWithInvitation op's proof was signed with the secret of the
 * invitation it names. The invitation's key is looked up by its id (its x
 * coordinate) in the tenant and among ops taken in with it.
 */
export async function proofHolds(
  op: Op,
  tenant: Tenant,
  offered: readonly PublicKeyJwk[],
): Promise<boolean> {
  const p = op.payload as { invitation?: unknown; proof?: unknown } | null;
  const key = joiningKey(op);
  if (!key || typeof p?.invitation !== 'string' || typeof p.proof !== 'string') return false;
  const id = p.invitation;
  const known = tenant.invitations?.[id]?.publicKey;
  const candidates = [...(known ? [known] : []), ...offered].filter((jwk) => jwk.x === id);
  for (const jwk of candidates) {
    if (await verify(await importPublicKey(jwk), proofText(op.device, key), p.proof)) return true;
  }
  return false;
}
