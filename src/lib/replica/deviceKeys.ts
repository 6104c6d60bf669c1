import type { PublicKeyJwk } from '../domain/types';
import { fromBase64Url, toBase64Url } from './base64url';
import { canonicalJson } from './canonical';

/** A device's signing keys: the private key is made non-extractable and never leaves it. */
export interface DeviceKeys {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: PublicKeyJwk;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();

export async function createDeviceKeys(): Promise<DeviceKeys> {
  const pair = await crypto.subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! },
  };
}

export function importPublicKey(jwk: PublicKeyJwk): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', { ...jwk, ext: true }, ALGORITHM, true, ['verify']);
}

const fingerprints = new WeakMap<PublicKeyJwk, string>();

/** Identifies a key across replicas (the same JWK ⇒ the same fingerprint). */
export function fingerprint(jwk: PublicKeyJwk): string {
  // Asked for every op replayed; a JWK, once in an op or the tenant, never changes.
  let print = fingerprints.get(jwk);
  if (print === undefined) {
    print = canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
    fingerprints.set(jwk, print);
  }
  return print;
}

export async function sign(privateKey: CryptoKey, data: string): Promise<string> {
  return toBase64Url(await crypto.subtle.sign(SIGNING, privateKey, encoder.encode(data)));
}

export async function verify(
  publicKey: CryptoKey,
  data: string,
  signature: string,
): Promise<boolean> {
  const bytes = fromBase64Url(signature);
  if (!bytes) return false;
  return crypto.subtle.verify(SIGNING, publicKey, bytes, encoder.encode(data));
}

export async function sha256(data: string): Promise<string> {
  return toBase64Url(await crypto.subtle.digest('SHA-256', encoder.encode(data)));
}
