import { fromBase64Url, toBase64Url } from './base64url';
import { GcmKey } from './gcmKey';
import { SEALED_PREFIX, type Opened, type Sealing, type TenantKey } from './sealing';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Seals ops with AES-256-GCM under the newest tenant key held, as
 * `seats-sealed:<epoch>.<iv>.<ciphertext>` (base64url), and opens what any
 * key held sealed. Synchronous (noble's AES), because a replica started from
 * a snapshot reads an op only when its content is first needed, in the
 * middle of a replay. Loaded only when a tenant opens (store/tenantSession.ts).
 */
export class OpCipher implements Sealing {
  private readonly held = new Map<number, Uint8Array>();
  private readonly ciphers = new Map<number, GcmKey>();

  constructor(keys: readonly TenantKey[]) {
    for (const key of keys) this.add(key);
  }

  get keys(): TenantKey[] {
    return [...this.held]
      .sort(([a], [b]) => a - b)
      .map(([epoch, bytes]) => ({ epoch, key: toBase64Url(bytes) }));
  }

  add({ epoch, key }: TenantKey): boolean {
    const bytes = fromBase64Url(key);
    if (!Number.isInteger(epoch) || epoch < 1 || bytes?.length !== 32) {
      throw new Error('Not a tenant key: it needs a whole epoch from 1 and 32 bytes.');
    }
    if (this.held.has(epoch)) return false;
    this.held.set(epoch, bytes);
    return true;
  }

  withKeys(keys: readonly TenantKey[]): OpCipher {
    const copy = new OpCipher(this.keys);
    for (const key of keys) copy.add(key);
    return copy;
  }

  seal(text: string): string {
    if (!this.held.size) return text;
    const epoch = Math.max(...this.held.keys());
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealed = this.cipher(epoch)!.encrypt(iv, encoder.encode(text));
    return `${SEALED_PREFIX}${epoch}.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
  }

  open(stored: string): Opened {
    if (!stored.startsWith(SEALED_PREFIX)) return { ok: true, text: stored };
    const [epochText, ivText, dataText, ...rest] = stored.slice(SEALED_PREFIX.length).split('.');
    const epoch = Number(epochText);
    const iv = fromBase64Url(ivText ?? '');
    const data = fromBase64Url(dataText ?? '');
    if (rest.length || !Number.isInteger(epoch) || iv?.length !== 12 || !data) {
      return { ok: false, reason: 'damaged' };
    }
    const cipher = this.cipher(epoch);
    if (!cipher) return { ok: false, reason: 'locked', epoch };
    const opened = cipher.decrypt(iv, data);
    if (!opened) return { ok: false, reason: 'damaged', epoch };
    try {
      return { ok: true, text: decoder.decode(opened) };
    } catch {
      return { ok: false, reason: 'damaged', epoch };
    }
  }

  /** The key of `epoch` ready to use (its tables are built on first use), if held. */
  private cipher(epoch: number): GcmKey | undefined {
    let cipher = this.ciphers.get(epoch);
    const key = this.held.get(epoch);
    if (!cipher && key) {
      cipher = new GcmKey(key);
      this.ciphers.set(epoch, cipher);
    }
    return cipher;
  }
}
