import type { PublicKeyJwk } from '$lib/domain/types';

/**
 * What a new device shows so a Global Administrator can enrol it: its id, its
 * signing key, and the key the tenant key is handed to it under.
 */
export interface DeviceCode {
  device: string;
  publicKey: PublicKeyJwk;
  wrapKey?: PublicKeyJwk;
}

const PREFIX = 'seats-device:';

export function writeDeviceCode(code: DeviceCode): string {
  return PREFIX + btoa(JSON.stringify(code));
}

/** The code back, or null when the text is not one (a typo, a partial paste). */
export function readDeviceCode(text: string): DeviceCode | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) return null;
  try {
    const value = JSON.parse(atob(trimmed.slice(PREFIX.length))) as Partial<DeviceCode>;
    if (typeof value.device !== 'string' || typeof value.publicKey !== 'object') return null;
    const code = { device: value.device, publicKey: value.publicKey };
    return typeof value.wrapKey === 'object' ? { ...code, wrapKey: value.wrapKey } : code;
  } catch {
    return null;
  }
}
