import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { asPayload, number, optionalText, text, type Payload } from '../payload';
import { activeUser } from '../permissions';
import { InvalidInput, refuse } from '../refusal';
import type { Device, PublicKeyJwk, Tenant } from '../types';
import { author, isRefusal, notAuthorized } from './authorization';
import { userNotFound } from './assignments';

const BASE64URL = /^[A-Za-z0-9_-]{43}$/;

/** An ECDSA P-256 public key as a JWK; anything else is INVALID_INPUT. */
export function publicKey(p: Payload, key: string): PublicKeyJwk {
  const jwk = asPayload(p[key]);
  if (jwk['kty'] !== 'EC' || jwk['crv'] !== 'P-256') {
    throw new InvalidInput(key, 'must be an ECDSA P-256 public key (kty EC, crv P-256)');
  }
  const x = text(jwk, 'x');
  const y = text(jwk, 'y');
  if (!BASE64URL.test(x) || !BASE64URL.test(y))
    throw new InvalidInput(key, 'has malformed coordinates');
  return { kty: 'EC', crv: 'P-256', x, y };
}

/** An optional P-256 public key (a device's key for receiving the tenant key). */
export function optionalPublicKey(p: Payload, key: string): PublicKeyJwk | null {
  return p[key] === undefined ? null : publicKey(p, key);
}

/** The device record's key fields: the signing key, and the wrapping key when given. */
export function deviceKeys(
  signing: PublicKeyJwk,
  wrapKey: PublicKeyJwk | null,
): Pick<Device, 'publicKey' | 'wrapKey'> {
  return wrapKey ? { publicKey: signing, wrapKey } : { publicKey: signing };
}

/**
 * SYNC-5 (first part): a device's key enters the tenant by an op, made by a
 * Global Administrator, and is bound to the person who will use it.
 */
export function decideEnrolDevice(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'device');
  const key = publicKey(p, 'publicKey');
  const wrapKey = optionalPublicKey(p, 'wrapKey');
  const person = optionalText(p, 'person');
  if (tenant.devices[id]) {
    return reject(
      refuse(
        'ALREADY_EXISTS',
        `A device "${id}" is already enrolled.`,
        'Give the new device another name.',
      ),
    );
  }
  if (person !== null && !activeUser(tenant, person)) return reject(userNotFound(person));
  const actor = author(tenant, ctx, 'add devices', 'Ask a Global Administrator.');
  if (isRefusal(actor)) return reject(actor);
  if (!actor.roles.includes('GlobalAdministrator')) {
    return reject(notAuthorized('add devices', 'Ask a Global Administrator.'));
  }
  return accept((edit) => {
    edit(tenant).devices[id] = { id, ...deviceKeys(key, wrapKey), person, enrolledAt: ctx.now };
  });
}

/**
 * SYNC-5: a Global Administrator revokes a device. What it signed up to and
 * including its op number `afterSeq` (the last the revoking admin had seen of
 * it) stands; everything after is refused, whatever time its clock claims
 * (replica/revocations.ts applies the cut to ops that sort before this one).
 */
export function decideRevokeDevice(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'device');
  const afterSeq = number(p, 'afterSeq');
  if (!Number.isInteger(afterSeq) || afterSeq < 0) {
    throw new InvalidInput('afterSeq', 'must be a whole number, 0 or more');
  }
  const device = tenant.devices[id];
  if (!device) {
    return reject(
      refuse('NOT_FOUND', `No device "${id}" is enrolled.`, 'Pick a device from the list.'),
    );
  }
  if (device.revoked) {
    return reject(
      refuse(
        'ALREADY_REVOKED',
        `The device "${id}" is already revoked.`,
        'Nothing to do: it can no longer change the tenant.',
      ),
    );
  }
  const actor = author(tenant, ctx, 'revoke devices', 'Ask a Global Administrator.');
  if (isRefusal(actor)) return reject(actor);
  if (!actor.roles.includes('GlobalAdministrator')) {
    return reject(notAuthorized('revoke devices', 'Ask a Global Administrator.'));
  }
  return accept((edit) => {
    edit(device).revoked = { afterSeq, at: ctx.now, by: actor.id };
  });
}
