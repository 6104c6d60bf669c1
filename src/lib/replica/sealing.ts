import { toBase64Url } from './base64url';

/**
 * How ops are stored in the op map, where the relay and sync files see them:
 * sealed with the tenant's key (opCipher.ts) or, for a replica that has none
 * (scenarios, tests, tenants made before encryption), as plain JSON.
 */
export interface Sealing {
  /** The text to store for an op's JSON. */
  seal(text: string): string;
  /** An op's JSON from what is stored: plain text as it is. */
  open(stored: string): Opened;
  /** Adds a tenant key (from a key share); true when it was not held. */
  add(key: TenantKey): boolean;
  /** A separate sealing that holds these keys as well: to try keys before taking them. */
  withKeys(keys: readonly TenantKey[]): Sealing;
  /** The tenant keys held, oldest first: what an invitation passes on. */
  readonly keys: readonly TenantKey[];
}

/** A tenant key: 32 random bytes for AES-256-GCM, numbered; revoking a device adds the next. */
export interface TenantKey {
  epoch: number;
  /** The raw key, base64url. */
  key: string;
}

export function newTenantKey(epoch = 1): TenantKey {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return { epoch, key: toBase64Url(bytes) };
}

export type Opened =
  | { ok: true; text: string }
  /** locked: sealed with a tenant key this device does not hold (yet); damaged: fails to decrypt. */
  | { ok: false; reason: 'locked' | 'damaged'; epoch?: number };

export const SEALED_PREFIX = 'seats-sealed:';

/** No tenant key: ops are stored as they are, and sealed ones cannot be read. */
export const plain: Sealing = {
  seal: (text) => text,
  open: (stored) =>
    stored.startsWith(SEALED_PREFIX) ? { ok: false, reason: 'locked' } : { ok: true, text: stored },
  add: () => false,
  // Keys come only to a replica that seals (a key share needs its wrapping key).
  withKeys: () => plain,
  keys: [],
};
