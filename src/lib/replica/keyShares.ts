import type { PublicKeyJwk } from '../domain/types';
import { fromBase64Url, toBase64Url } from './base64url';
import { canonicalJson } from './canonical';
import { sign, verify, type DeviceKeys } from './deviceKeys';
import type { TenantKey } from './sealing';

/**
 * Handing a device the tenant's key through the log itself, readable by that
 * device alone: the key is encrypted (AES-256-GCM) under a key agreed by ECDH
 * between a one-time key pair and the device's wrapping key (its `wrapKey` in
 * the tenant), through HKDF; the share is signed by the sharing device, so a
 * relay can neither read it nor slip in a key of its own. A Global
 * Administrator's device shares the keys it holds with a device it enrols,
 * and a new key with every device but the revoked one when it revokes one.
 */
export interface KeyShare {
  epoch: number;
  /** The device it is for, and the device that made it. */
  to: string;
  by: string;
  ephemeral: PublicKeyJwk;
  iv: string;
  data: string;
  sig: string;
}

/** A device's ECDH key pair for receiving shares; the private key never leaves it. */
export interface WrapKeys {
  privateKey: CryptoKey;
  publicJwk: PublicKeyJwk;
}

/** Where shares live in the op log's document: a grow-only map, beside the ops. */
export const KEY_SHARES = 'keyShares';

export const shareId = (epoch: number, to: string) => `${epoch}:${to}`;

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const encoder = new TextEncoder();

export async function createWrapKeys(): Promise<WrapKeys> {
  const pair = await crypto.subtle.generateKey(ECDH, false, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    privateKey: pair.privateKey,
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
  };
}

async function agreedKey(
  privateKey: CryptoKey,
  publicJwk: PublicKeyJwk,
  epoch: number,
  to: string,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKey> {
  const peer = await crypto.subtle.importKey('jwk', { ...publicJwk, ext: true }, ECDH, false, []);
  const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new Uint8Array(0),
      info: encoder.encode(`seats tenant key ${epoch} for ${to}`),
    },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

const signedPart = (share: KeyShare) => {
  const { epoch, to, by, ephemeral, iv, data } = share;
  return canonicalJson({ epoch, to, by, ephemeral, iv, data });
};

export async function makeShare(
  key: TenantKey,
  to: { device: string; wrapKey: PublicKeyJwk },
  by: { device: string; keys: DeviceKeys },
): Promise<KeyShare> {
  const ephemeral = await crypto.subtle.generateKey(ECDH, true, ['deriveBits']);
  const jwk = await crypto.subtle.exportKey('jwk', ephemeral.publicKey);
  const wrapping = await agreedKey(
    ephemeral.privateKey,
    to.wrapKey,
    key.epoch,
    to.device,
    'encrypt',
  );
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    wrapping,
    fromBase64Url(key.key)!,
  );
  const share: KeyShare = {
    epoch: key.epoch,
    to: to.device,
    by: by.device,
    ephemeral: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
    iv: toBase64Url(iv),
    data: toBase64Url(data),
    sig: '',
  };
  return { ...share, sig: await sign(by.keys.privateKey, signedPart(share)) };
}

/** A share as stored, or null when the text is not one. */
export function readShare(text: string): KeyShare | null {
  try {
    const v = JSON.parse(text) as Partial<KeyShare>;
    const ok =
      Number.isInteger(v.epoch) &&
      typeof v.to === 'string' &&
      typeof v.by === 'string' &&
      typeof v.ephemeral?.x === 'string' &&
      typeof v.ephemeral.y === 'string' &&
      typeof v.iv === 'string' &&
      typeof v.data === 'string' &&
      typeof v.sig === 'string';
    return ok ? (v as KeyShare) : null;
  } catch {
    return null;
  }
}

export function shareSignedBy(share: KeyShare, byKey: CryptoKey): Promise<boolean> {
  return verify(byKey, signedPart(share), share.sig);
}

/**
 * The tenant key in a share for this device, when the share is signed by
 * `byKey` (the sharing device's enrolled key; null: not checked here) and
 * decrypts; null otherwise.
 */
export async function openShare(
  share: KeyShare,
  wrapKeys: WrapKeys,
  byKey: CryptoKey | null,
): Promise<TenantKey | null> {
  if (byKey && !(await shareSignedBy(share, byKey))) return null;
  const iv = fromBase64Url(share.iv);
  const data = fromBase64Url(share.data);
  if (!iv || !data) return null;
  try {
    const wrapping = await agreedKey(
      wrapKeys.privateKey,
      share.ephemeral,
      share.epoch,
      share.to,
      'decrypt',
    );
    const key = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, wrapping, data);
    return key.byteLength === 32 ? { epoch: share.epoch, key: toBase64Url(key) } : null;
  } catch {
    return null;
  }
}
