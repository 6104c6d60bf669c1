import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toBase64Url } from './base64url';
import { contentHash, sha256Bytes } from './contentHash';
import { sha256 } from './deviceKeys';

describe('contentHash', () => {
  it('is the SHA-256 WebCrypto gives, for ASCII and non-ASCII text alike', async () => {
    for (const text of ['', 'abc', '{"name":"Åsa Ødegård"}', 'x'.repeat(10_000)]) {
      expect(contentHash(text)).toBe(await sha256(text));
    }
  });

  it('matches the published SHA-256 of "abc"', () => {
    expect(contentHash('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('agrees with WebCrypto on bytes of every length around the block edges, and at random', async () => {
    const webCrypto = async (bytes: Uint8Array<ArrayBuffer>) =>
      toBase64Url(await crypto.subtle.digest('SHA-256', bytes));
    for (let length = 0; length <= 130; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(toBase64Url(sha256Bytes(bytes)), `length ${length}`).toBe(await webCrypto(bytes));
    }
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (array) => {
        const bytes = new Uint8Array(array);
        expect(toBase64Url(sha256Bytes(bytes))).toBe(await webCrypto(bytes));
      }),
      { numRuns: 200 },
    );
  });
});
