import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { lifecycle } from '../lifecycle';
import { grant, licensesOf, revoke } from '../assignment';
import { number, optionalOneOf, optionalText, text, type Payload } from '../payload';
import { activeGlobalAdmins, mayManageUsers } from '../permissions';
import { InvalidInput, refuse, type Refusal } from '../refusal';
import { notInTerm } from '../subscription';
import { DAY } from '../time';
import { USER_KINDS, type Tenant, type User } from '../types';
import { accessRefusal, author, isRefusal, USERS_REMEDY } from './authorization';
import {
  available,
  countViolation,
  planRefusal,
  userNotFound,
  usageLocationMissing,
  licenseEntries,
  wantedLicenses,
} from './assignments';

/** DATA-3: a deleted user can be restored within 30 days. */
export const RESTORE_DAYS = 30;

const COUNTRY = /^[A-Z]{2}$/;

export function usageLocation(p: Payload, key = 'usageLocation'): string | null {
  const value = optionalText(p, key);
  if (value !== null && !COUNTRY.test(value)) {
    throw new InvalidInput(key, 'must be a two-letter country code such as SE or DK');
  }
  return value;
}

export function lastGlobalAdmin(tenant: Tenant, user: User): Refusal | null {
  const admins = activeGlobalAdmins(tenant);
  if (admins.length !== 1 || admins[0]?.id !== user.id) return null;
  return refuse(
    'LAST_GLOBAL_ADMIN',
    `${user.displayName} is the only Global Administrator, and a tenant always needs one.`,
    'Make someone else Global Administrator first.',
    { user: user.id },
  );
}

/** ASG-2: add a user, with licenses in the same step. Atomic: no licenses, no user. */
export function decideAddUser(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'id');
  const displayName = text(p, 'displayName');
  const location = usageLocation(p);
  const kind = optionalOneOf(p, 'kind', USER_KINDS) ?? 'person';
  const mailboxSizeGB = p['mailboxSizeGB'] === undefined ? 0 : number(p, 'mailboxSizeGB');
  const department = optionalText(p, 'department');
  const entries = p['licenses'] === undefined ? [] : licenseEntries(p, 'licenses', false);

  if (tenant.users[id]) {
    return reject(
      refuse('ALREADY_EXISTS', `A user "${id}" already exists.`, 'Choose another user name.', {
        user: id,
      }),
    );
  }
  const wanted = wantedLicenses(tenant, entries, ctx.now);
  if (isRefusal(wanted)) return reject(wanted);
  const actor = author(tenant, ctx, 'add users', USERS_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  if (!mayManageUsers(actor))
    return reject(
      refuse('NOT_AUTHORIZED', "You don't have permission to add users.", USERS_REMEDY),
    );
  for (const w of wanted) {
    const access = accessRefusal(tenant, actor, w.subscription, 'assign');
    if (access) return reject(access);
  }
  for (const w of wanted) {
    const status = notInTerm(w.subscription, lifecycle(w.subscription, ctx.now));
    if (status) return reject(status);
  }
  for (const w of wanted) {
    const free = available(tenant, w.subscription);
    if (free < 1) return reject(countViolation(w.subscription, 1, free));
  }
  const user: User = {
    id,
    displayName,
    usageLocation: location,
    kind,
    mailboxSizeGB,
    department,
    roles: [],
    deletedAt: null,
  };
  if (wanted.length) {
    const missing = usageLocationMissing([user]);
    if (missing) return reject(missing);
  }
  for (const w of wanted) {
    const plans = planRefusal(ctx, w.subscription, w.disabledPlans);
    if (plans) return reject(plans);
  }
  return accept((edit) => {
    edit(tenant.users)[id] = user;
    for (const w of wanted) grant(edit, tenant, user, w.subscription, w.disabledPlans, ctx.now);
  });
}

/** DATA-3: deleting a user frees every license they had. */
export function decideDeleteUser(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'user');
  const user = tenant.users[id];
  if (!user || user.deletedAt !== null) return reject(userNotFound(id));
  const actor = author(tenant, ctx, 'delete users', USERS_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  if (!mayManageUsers(actor))
    return reject(
      refuse('NOT_AUTHORIZED', "You don't have permission to delete users.", USERS_REMEDY),
    );
  const last = lastGlobalAdmin(tenant, user);
  if (last) return reject(last);
  return accept((edit) => {
    for (const subscriptionId of licensesOf(tenant, id)) {
      const subscription = tenant.subscriptions[subscriptionId];
      if (subscription) revoke(edit, tenant, id, subscription, ctx.now);
    }
    edit(user).deletedAt = ctx.now;
  });
}

/** DATA-3: restore within 30 days; the user comes back without licenses. */
export function decideRestoreUser(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'user');
  const user = tenant.users[id];
  if (!user) return reject(userNotFound(id));
  const actor = author(tenant, ctx, 'restore users', USERS_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  if (!mayManageUsers(actor))
    return reject(
      refuse('NOT_AUTHORIZED', "You don't have permission to restore users.", USERS_REMEDY),
    );
  if (user.deletedAt !== null && ctx.now > user.deletedAt + RESTORE_DAYS * DAY) {
    return reject(
      refuse(
        'RESTORE_WINDOW_CLOSED',
        `${user.displayName} was deleted more than ${RESTORE_DAYS} days ago and can't be restored.`,
        'Add them as a new user.',
        { user: id },
      ),
    );
  }
  if (user.deletedAt === null) {
    return reject(
      refuse('USER_NOT_DELETED', `${user.displayName} is not deleted.`, 'Nothing to restore.', {
        user: id,
      }),
    );
  }
  return accept((edit) => {
    edit(user).deletedAt = null;
  });
}
