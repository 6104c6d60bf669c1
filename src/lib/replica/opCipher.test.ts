import { describe, expect, it } from 'vitest';
import { OpCipher } from './opCipher';
import { newTenantKey, plain } from './sealing';

const op = JSON.stringify({ id: 'x', payload: { displayName: 'Åsa Ødegård' } });

describe('OpCipher', () => {
  it('seals so the text cannot be read, and opens it again with the key', () => {
    const cipher = new OpCipher([newTenantKey()]);
    const sealed = cipher.seal(op);
    expect(sealed).not.toContain('Ødegård');
    expect(sealed).not.toContain('displayName');
    expect(cipher.open(sealed)).toEqual({ ok: true, text: op });
    // A fresh IV each time: the same op never seals to the same text.
    expect(cipher.seal(op)).not.toBe(sealed);
  });

  it('is AES-256-GCM, as WebCrypto opens it', async () => {
    const key = newTenantKey();
    const sealed = new OpCipher([key]).seal(op);
    const [, iv, data] = sealed.slice('seats-sealed:'.length).split('.');
    const bytes = (b64: string) =>
      Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const raw = await crypto.subtle.importKey('raw', bytes(key.key), 'AES-GCM', false, ['decrypt']);
    const opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes(iv) },
      raw,
      bytes(data),
    );
    expect(new TextDecoder().decode(opened)).toBe(op);
  });

  it('seals with the newest key and still opens what older keys sealed', () => {
    const first = newTenantKey(1);
    const old = new OpCipher([first]).seal(op);
    const cipher = new OpCipher([first, newTenantKey(2)]);
    expect(cipher.seal(op)).toMatch(/^seats-sealed:2\./);
    expect(cipher.open(old)).toEqual({ ok: true, text: op });
    expect(new OpCipher([first]).open(cipher.seal(op))).toEqual({
      ok: false,
      reason: 'locked',
      epoch: 2,
    });
  });

  it('tells a changed ciphertext from a missing key, and never returns altered text', () => {
    const cipher = new OpCipher([newTenantKey()]);
    const sealed = cipher.seal(op);
    const flipped = sealed.slice(0, -3) + (sealed.at(-3) === 'A' ? 'B' : 'A') + sealed.slice(-2);
    expect(cipher.open(flipped)).toMatchObject({ ok: false, reason: 'damaged' });
    expect(cipher.open('seats-sealed:1.zz')).toMatchObject({ ok: false, reason: 'damaged' });
    expect(new OpCipher([newTenantKey()]).open(sealed)).toMatchObject({ reason: 'damaged' });
  });

  it('passes plain ops through, and refuses keys that are not 32 bytes', () => {
    expect(new OpCipher([]).seal(op)).toBe(op);
    expect(new OpCipher([newTenantKey()]).open(op)).toEqual({ ok: true, text: op });
    expect(plain.open(new OpCipher([newTenantKey()]).seal(op))).toMatchObject({ reason: 'locked' });
    expect(() => new OpCipher([{ epoch: 1, key: 'c2hvcnQ' }])).toThrow(/32 bytes/);
  });
});
