import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';

describe('base64url', () => {
  it('reads what it writes, as Node reads and writes base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('refuses text that is not base64url', () => {
    for (const text of ['a', 'abcde', 'ab+c', 'ab/c', 'ab=c', 'abc=', 'ab c', 'åbcd']) {
      expect(fromBase64Url(text), text).toBeNull();
    }
    expect(fromBase64Url('')).toEqual(new Uint8Array(0));
  });
});
