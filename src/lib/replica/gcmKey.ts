import { unsafe } from '@noble/ciphers/aes.js';
import { GHASH } from '@noble/ciphers/_polyval.js';

const BLOCK = 16;
const TAG = 16;

/** noble's GHASH, made reusable: its tables depend only on the key, so they are built once. */
class KeyedGhash extends GHASH {
  restart(): this {
    this.s0 = this.s1 = this.s2 = this.s3 = 0;
    this.finished = false;
    return this;
  }
}

/**
 * AES-256-GCM (NIST SP 800-38D, 96-bit IVs, no AAD) with the work that depends
 * only on the key done once: the AES key schedule, the hash key H = E(0) and
 * GHASH's lookup tables. noble's `gcm(key, iv)` redoes all three for every
 * message, which for ops of a few hundred bytes is most of its time; merging
 * opens thousands of ops under one tenant key. The block cipher and GHASH are
 * noble's own; this module only sequences them (opCipher.test.ts checks the
 * result against WebCrypto's AES-GCM both ways).
 */
export class GcmKey {
  private readonly xk: Uint32Array;
  private readonly ghash: KeyedGhash;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key.');
    this.xk = unsafe.expandKeyLE(key);
    const h = unsafe.ctr32(this.xk, false, new Uint8Array(BLOCK), new Uint8Array(BLOCK));
    // A window of 8 bits: the largest table, the fewest lookups per block.
    this.ghash = new KeyedGhash(h, 1 << 20);
  }

  encrypt(iv: Uint8Array, plaintext: Uint8Array): Uint8Array<ArrayBuffer> {
    const { counter, mask } = this.counters(iv);
    const out = new Uint8Array(plaintext.length + TAG);
    const data = out.subarray(0, plaintext.length);
    unsafe.ctr32(this.xk, false, counter, aligned(plaintext), data);
    out.set(this.tag(data, mask), plaintext.length);
    return out;
  }

  /** The plaintext, or null when the tag does not match (wrong key, or changed data). */
  decrypt(iv: Uint8Array, sealed: Uint8Array): Uint8Array | null {
    if (sealed.length < TAG) return null;
    const { counter, mask } = this.counters(iv);
    const bytes = aligned(sealed);
    const data = bytes.subarray(0, bytes.length - TAG);
    const expected = this.tag(data, mask);
    let difference = 0;
    for (let i = 0; i < TAG; i++) difference |= expected[i] ^ bytes[data.length + i];
    if (difference !== 0) return null;
    return unsafe.ctr32(this.xk, false, counter, data);
  }

  /** J0 = IV ‖ 1: E(J0) masks the tag; the payload's counter starts at J0 + 1. */
  private counters(iv: Uint8Array): { counter: Uint8Array; mask: Uint8Array } {
    if (iv.length !== 12) throw new Error('AES-GCM here takes a 12-byte IV.');
    const counter = new Uint8Array(BLOCK);
    counter.set(iv);
    counter[15] = 1;
    // ctr32 advances `counter` in place past the block it used.
    const mask = unsafe.ctr32(this.xk, false, counter, new Uint8Array(BLOCK));
    return { counter, mask };
  }

  private tag(data: Uint8Array, mask: Uint8Array): Uint8Array {
    const lengths = new Uint8Array(BLOCK);
    // len(AAD) = 0 ‖ len(C) in bits, both 64-bit big-endian.
    new DataView(lengths.buffer).setBigUint64(8, BigInt(data.length * 8));
    const tag = new Uint8Array(BLOCK);
    this.ghash.restart().update(data).update(lengths).digestInto(tag);
    for (let i = 0; i < BLOCK; i++) tag[i] ^= mask[i];
    return tag;
  }
}

/** noble reads blocks as 32-bit words, so bytes at an odd offset are copied first. */
const aligned = (bytes: Uint8Array): Uint8Array =>
  bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
