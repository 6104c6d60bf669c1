import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { number, text, type Payload } from '../payload';
import { activeUser } from '../permissions';
import { InvalidInput, refuse } from '../refusal';
import { toIsoInstant, type Instant } from '../time';
import type { Tenant } from '../types';
import { author, isRefusal, notAuthorized } from './authorization';
import { userNotFound } from './assignments';
import { deviceKeys, optionalPublicKey, publicKey } from './devices';

const HOUR = 60 * 60 * 1000;
/** SYNC-5: an invitation is valid for a limited time, 48 hours unless its maker says otherwise. */
export const INVITATION_HOURS = 48;
const MAX_HOURS = 7 * 24;
const INVITERS = ['GlobalAdministrator', 'UserAdministrator'] as const;

/**
 * SYNC-5: a Global Administrator or User Administrator invites a person to
 * enrol a device. The op holds only the invitation's public key; its id is
 * that key's x coordinate, so the id names exactly one key.
 */
export function decideCreateInvitation(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const key = publicKey(p, 'publicKey');
  const person = text(p, 'person');
  const hours = p['hours'] === undefined ? INVITATION_HOURS : number(p, 'hours');
  if (!Number.isInteger(hours) || hours < 1 || hours > MAX_HOURS) {
    throw new InvalidInput('hours', `must be a whole number of hours from 1 to ${MAX_HOURS}`);
  }
  const actor = author(tenant, ctx, 'invite people', 'Ask a Global or User Administrator.');
  if (isRefusal(actor)) return reject(actor);
  if (!INVITERS.some((role) => actor.roles.includes(role))) {
    return reject(notAuthorized('invite people', 'Ask a Global or User Administrator.'));
  }
  if (!activeUser(tenant, person)) return reject(userNotFound(person));
  if (tenant.invitations?.[key.x]) {
    return reject(
      refuse('ALREADY_EXISTS', 'This invitation was already made.', 'Make a new invitation.'),
    );
  }
  return accept((edit) => {
    const t = edit(tenant);
    t.invitations ??= {};
    t.invitations[key.x] = {
      id: key.x,
      person,
      publicKey: key,
      createdBy: actor.id,
      createdAt: ctx.now,
      expiresAt: ctx.now + hours * HOUR,
    };
  });
}

/**
 * SYNC-5: the invited device enrols itself, bound to the invited person. The
 * replica has checked, before this runs, that the op is signed by the key it
 * enrols and that `proof` was signed with the invitation's secret
 * (replica/invitationProof.ts); here the invitation must be valid at the
 * op's position: made, unexpired, unused, and for the op's author.
 */
export function decideJoinWithInvitation(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'invitation');
  const device = text(p, 'device');
  const key = publicKey(p, 'publicKey');
  const wrapKey = optionalPublicKey(p, 'wrapKey');
  text(p, 'proof');
  const invitation = tenant.invitations?.[id];
  if (!invitation) {
    return reject(
      refuse(
        'NOT_FOUND',
        'This invitation is not known to the tenant.',
        'Ask the admin who invited you for a new invitation, and check it was copied whole.',
      ),
    );
  }
  if (invitation.used) return reject(used(invitation.used.at));
  if (ctx.now > invitation.expiresAt) return reject(expired(invitation.expiresAt));
  if (ctx.author !== invitation.person) {
    return reject(
      notAuthorized('use an invitation made for someone else', 'Use your own invitation.'),
    );
  }
  if (!activeUser(tenant, invitation.person)) return reject(userNotFound(invitation.person));
  if (tenant.devices[device]) {
    return reject(
      refuse('ALREADY_EXISTS', `A device "${device}" is already enrolled.`, 'Join again.'),
    );
  }
  return accept((edit) => {
    edit(tenant).devices[device] = {
      id: device,
      ...deviceKeys(key, wrapKey),
      person: invitation.person,
      enrolledAt: ctx.now,
    };
    edit(invitation).used = { device, at: ctx.now };
  });
}

function used(at: Instant) {
  return refuse(
    'INVITATION_USED',
    `This invitation was already used, on ${toIsoInstant(at)}: each works once.`,
    'Ask the admin who invited you for a new invitation.',
    { at: toIsoInstant(at) },
  );
}

function expired(at: Instant) {
  return refuse(
    'INVITATION_EXPIRED',
    `This invitation expired on ${toIsoInstant(at)}.`,
    'Ask the admin who invited you for a new invitation.',
    { at: toIsoInstant(at) },
  );
}
