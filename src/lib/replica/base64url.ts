const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each character's 6 bits, or 255 for a character outside the alphabet. */
const SEXTETS = new Uint8Array(128).fill(255);
for (let i = 0; i < ALPHABET.length; i++) SEXTETS[ALPHABET.charCodeAt(i)] = i;

/** Base64url without padding: signatures, hashes and invitation links travel in URLs and JSON. */
export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The bytes of a base64url text, or null when it is not one. Decoded by
 * table rather than through atob: every sealed op arriving is decoded, and
 * atob's string round trip was a tenth of a merge's time.
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  const length = text.length;
  if (length % 4 === 1) return null;
  const bytes = new Uint8Array(new ArrayBuffer(Math.floor((length * 3) / 4)));
  let bits = 0;
  let held = 0;
  let at = 0;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const sextet = code < 128 ? SEXTETS[code] : 255;
    if (sextet === 255) return null;
    bits = ((bits << 6) | sextet) & 0xffffff;
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes[at++] = (bits >>> held) & 0xff;
    }
  }
  return bytes;
}
