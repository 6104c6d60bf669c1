import type { PublicKeyJwk } from '$lib/domain/types';

/** What a new device shows so a Global Administrator can enrol it: its id and public key. */
export interface DeviceCode {
  device: string;
  publicKey: PublicKeyJwk;
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
    return { device: value.device, publicKey: value.publicKey };
  } catch {
    return null;
  }
}
