import { describe, expect, it } from 'vitest';
import { contentHash } from './contentHash';
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
});
