import { createHash, timingSafeEqual } from 'node:crypto';
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server';
import { Refusal } from './refusal';

export interface TokenRegistry {
  getTokenHash(tenant: string): Uint8Array | null;
  putTokenHash(tenant: string, hash: Uint8Array): void;
}

export interface AuthOptions {
  tokens: ReadonlyMap<string, string>;
  openTenants: boolean;
  registry: TokenRegistry;
}

export type AuthOutcome = 'accepted' | 'registered' | 'wrong token' | 'unknown tenant' | 'no token';

const MAX_TENANT_LENGTH = 256;

export function createTokenCheck({ tokens, openTenants, registry }: AuthOptions) {
  const configured = new Map([...tokens].map(([tenant, token]) => [tenant, sha256(token)]));

  return (tenant: string, token: string): AuthOutcome => {
    if (token === '') return 'no token';
    if (tenant === '' || tenant.length > MAX_TENANT_LENGTH) return 'unknown tenant';
    const presented = sha256(token);
    const expected = configured.get(tenant) ?? registry.getTokenHash(tenant);
    if (expected) {
      const same = expected.length === presented.length && timingSafeEqual(presented, expected);
      return same ? 'accepted' : 'wrong token';
    }
    if (!openTenants) return 'unknown tenant';
    // Only the hash is kept, so a copy of the database does not hand out tenants' tokens.
    registry.putTokenHash(tenant, presented);
    return 'registered';
  };
}

/** Hocuspocus extension: one document per tenant, opened only with that tenant's token. */
export function authExtension(options: AuthOptions): Extension {
  const check = createTokenCheck(options);
  return {
    extensionName: 'relay-auth',
    onAuthenticate({ documentName, token, socketId }: onAuthenticatePayload) {
      const outcome = check(documentName, token ?? '');
      if (outcome === 'registered') {
        console.log(`relay: registered tenant ${JSON.stringify(documentName)} (first use)`);
      }
      if (outcome === 'accepted' || outcome === 'registered') return Promise.resolve();
      console.log(
        `relay: refused tenant ${JSON.stringify(documentName)}: ${outcome} (socket ${socketId})`,
      );
      // The client learns no more than that, whatever the cause.
      return Promise.reject(new Refusal('permission-denied'));
    },
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
