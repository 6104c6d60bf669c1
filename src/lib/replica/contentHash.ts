import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url } from './base64url';

const encoder = new TextEncoder();

/**
 * SHA-256 (base64url) of a text, computed synchronously: an op's id. A merge
 * checks thousands of these at once, and WebCrypto's per-call async dispatch
 * cost more than the hashing itself (README, benchmark).
 */
export function contentHash(text: string): string {
  return toBase64Url(sha256(encoder.encode(text)));
}
