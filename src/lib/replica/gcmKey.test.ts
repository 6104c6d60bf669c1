import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GcmKey } from './gcmKey';

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (byte) => parseInt(byte, 16));
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('GcmKey', () => {
  it('gives the NIST SP 800-38D test case 15 (AES-256, 96-bit IV, no AAD)', () => {
    const key = new GcmKey(hex('feffe9928665731c6d6a8f9467308308'.repeat(2)));
    const iv = hex('cafebabefacedbaddecaf888');
    const plaintext = hex(
      'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72' +
        '1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
    );
    const sealed = key.encrypt(iv, plaintext);
    expect(toHex(sealed)).toBe(
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa' +
        '8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad' +
        'b094dac5d93471bdec1a502270e3cc6c',
    );
    expect(key.decrypt(iv, sealed)).toEqual(plaintext);
  });

  it('agrees with WebCrypto both ways, at any length and byte offset', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 12, maxLength: 12 }),
        fc.uint8Array({ maxLength: 1100 }),
        fc.integer({ min: 0, max: 3 }),
        async (raw, iv, plaintext, offset) => {
          const key = new GcmKey(raw);
          const web = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, [
            'encrypt',
            'decrypt',
          ]);
          const theirs = new Uint8Array(
            await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, web, plaintext),
          );
          const ours = key.encrypt(iv, plaintext);
          expect(toHex(ours)).toBe(toHex(theirs));
          // Bytes that start at an odd place in their buffer, as a decoded op's may.
          const shifted = new Uint8Array(theirs.length + offset).subarray(offset);
          shifted.set(theirs);
          expect(key.decrypt(iv, shifted)).toEqual(plaintext);
          const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, web, ours);
          expect(new Uint8Array(opened)).toEqual(plaintext);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a changed ciphertext, tag or IV, and the wrong key', () => {
    const key = new GcmKey(new Uint8Array(32).fill(7));
    const iv = new Uint8Array(12).fill(1);
    const sealed = key.encrypt(iv, new TextEncoder().encode('an op of a few words'));
    for (const at of [0, 5, sealed.length - 1]) {
      const changed = sealed.slice();
      changed[at] ^= 1;
      expect(key.decrypt(iv, changed)).toBeNull();
    }
    expect(key.decrypt(new Uint8Array(12).fill(2), sealed)).toBeNull();
    expect(new GcmKey(new Uint8Array(32).fill(8)).decrypt(iv, sealed)).toBeNull();
    expect(key.decrypt(iv, sealed.subarray(0, 10))).toBeNull();
  });
});
