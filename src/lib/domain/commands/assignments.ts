import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { lifecycle } from '../lifecycle';
import { grant, heldProduct, revoke, unknownPlans } from '../assignment';
import { objectList, oneOf, optionalTextList, text, textList, type Payload } from '../payload';
import { activeUser, subscriptionAccess } from '../permissions';
import { InvalidInput, refuse, type Refusal } from '../refusal';
import { assignedCount, findSubscription, notInTerm, subscriptionNotFound } from '../subscription';
import type { Subscription, Tenant, User } from '../types';
import { accessRefusal, ASSIGN_REMEDY, author, isRefusal } from './authorization';

/** ASG-4: the Licenses page handles up to 20 users at a time. */
export const MAX_USERS_PER_ASSIGNMENT = 20;

export function userNotFound(id: string): Refusal {
  return refuse(
    'USER_NOT_FOUND',
    `"${id}" is not a person in your organization.`,
    'Licenses can only be assigned to people in your organization. Check the name, or restore the user if they were deleted.',
    { user: id },
  );
}

/** ASG-1: existing, not deleted users. */
export function activeUsers(tenant: Tenant, ids: string[]): User[] | Refusal {
  const users: User[] = [];
  for (const id of ids) {
    const user = activeUser(tenant, id);
    if (!user) return userNotFound(id);
    users.push(user);
  }
  return users;
}

/**
 * ASG-6. `chosen`: how many users the Licenses page was given, when more than
 * it takes at a time (ASG-4). SCENARIOS.md puts COUNT_VIOLATION before
 * TOO_MANY_USERS, so its remedy then also says to take 20 at a time.
 */
export function countViolation(
  subscription: Subscription,
  needed: number,
  available: number,
  chosen = 0,
): Refusal {
  const tooMany = chosen > MAX_USERS_PER_ASSIGNMENT;
  return refuse(
    'COUNT_VIOLATION',
    `Not enough licenses: ${needed} needed, ${available} available.`,
    'Buy more licenses, or unassign licenses from people who no longer need them.' +
      (tooMany
        ? ` Then assign them to ${MAX_USERS_PER_ASSIGNMENT} users or fewer at a time; you chose ${chosen}.`
        : ''),
    {
      subscription: subscription.id,
      needed,
      available,
      ...(tooMany ? { remedyCase: 'tooManyUsers', max: MAX_USERS_PER_ASSIGNMENT } : {}),
    },
  );
}

function tooManyUsers(count: number): Refusal {
  return refuse(
    'TOO_MANY_USERS',
    `You can assign or unassign licenses for up to ${MAX_USERS_PER_ASSIGNMENT} users at a time; you chose ${count}.`,
    `Choose ${MAX_USERS_PER_ASSIGNMENT} users or fewer, then do the rest in another step.`,
    { max: MAX_USERS_PER_ASSIGNMENT, count },
  );
}

/** ASG-11: a license needs the user's usage location. */
export function usageLocationMissing(users: User[]): Refusal | null {
  const missing = users.find((user) => !user.usageLocation);
  if (!missing) return null;
  return refuse(
    'USAGE_LOCATION_REQUIRED',
    `${missing.displayName} has no usage location, which a license needs.`,
    "Set the user's usage location, then assign the license.",
    { user: missing.id },
  );
}

/** ASG-3: only the product's own service plans can be turned off. */
export function planRefusal(
  ctx: Context,
  subscription: Subscription,
  disabledPlans: string[],
): Refusal | null {
  const unknown = unknownPlans(ctx.catalogue, subscription.product, disabledPlans);
  if (!unknown.length) return null;
  return refuse(
    'UNKNOWN_SERVICE_PLAN',
    `${subscription.product} has no service plan ${unknown.join(', ')}.`,
    "Choose among the product's apps.",
    { plans: unknown.join(', ') },
  );
}

export function available(tenant: Tenant, subscription: Subscription): number {
  return Math.max(0, subscription.total - assignedCount(tenant, subscription.id));
}

/** ASG-1/3/4/6/11: assign one subscription's licenses to up to 20 users. */
export function decideAssignLicenses(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'subscription');
  const ids = textList(p, 'users');
  const disabledPlans = optionalTextList(p, 'disabledPlans') ?? [];
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  const users = activeUsers(tenant, ids);
  if (isRefusal(users)) return reject(users);
  const actor = author(tenant, ctx, 'assign licenses', ASSIGN_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  const access = accessRefusal(tenant, actor, subscription, 'assign');
  if (access) return reject(access);
  const status = notInTerm(subscription, lifecycle(subscription, ctx.now));
  if (status) return reject(status);

  const newcomers = users.filter((user) => !heldProduct(tenant, user.id, subscription.product));
  const free = available(tenant, subscription);
  if (newcomers.length > free) {
    return reject(countViolation(subscription, newcomers.length, free, users.length));
  }
  if (users.length > MAX_USERS_PER_ASSIGNMENT) return reject(tooManyUsers(users.length));
  const location = usageLocationMissing(newcomers);
  if (location) return reject(location);
  const plans = planRefusal(ctx, subscription, disabledPlans);
  if (plans) return reject(plans);

  return accept((edit) => {
    for (const user of newcomers) grant(edit, tenant, user, subscription, disabledPlans, ctx.now);
  });
}

/** ASG-4, DATA-1: unassign one subscription's licenses from up to 20 users. */
export function decideUnassignLicenses(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'subscription');
  const ids = textList(p, 'users');
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  const users = activeUsers(tenant, ids);
  if (isRefusal(users)) return reject(users);
  const actor = author(tenant, ctx, 'unassign licenses', ASSIGN_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  const access = accessRefusal(tenant, actor, subscription, 'assign');
  if (access) return reject(access);
  if (users.length > MAX_USERS_PER_ASSIGNMENT) return reject(tooManyUsers(users.length));
  return accept((edit) => {
    for (const user of users) revoke(edit, tenant, user.id, subscription, ctx.now);
  });
}

export interface Wanted {
  subscription: Subscription;
  disabledPlans: string[];
}

/** The `licenses` entries of a payload: [{subscription, disabledPlans?}], each subscription once. */
export function licenseEntries(p: Payload, key: string, nonEmpty: boolean) {
  const entries = objectList(p, key, { nonEmpty }).map((entry) => ({
    id: text(entry, 'subscription'),
    disabledPlans: optionalTextList(entry, 'disabledPlans') ?? [],
  }));
  if (new Set(entries.map((e) => e.id)).size !== entries.length) {
    throw new InvalidInput(key, 'names a subscription twice');
  }
  return entries;
}

/** The subscriptions the entries name (NOT_FOUND otherwise), one license per product. */
export function wantedLicenses(
  tenant: Tenant,
  entries: { id: string; disabledPlans: string[] }[],
  now: number,
): Wanted[] | Refusal {
  const wanted: Wanted[] = [];
  for (const entry of entries) {
    const subscription = findSubscription(tenant, entry.id, now);
    if (!subscription) return subscriptionNotFound(entry.id);
    wanted.push({ subscription, disabledPlans: entry.disabledPlans });
  }
  if (new Set(wanted.map((w) => w.subscription.product)).size !== wanted.length) {
    return refuse(
      'INVALID_INPUT',
      'Two of the chosen licenses are for the same product.',
      'Choose one license per product.',
    );
  }
  return wanted;
}

const samePlans = (a: string[] = [], b: string[] = []) =>
  [...a].sort().join() === [...b].sort().join();

/** ASG-5: several users' licenses, added to or replacing what they have. */
export function decideSetUserLicenses(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const ids = textList(p, 'users');
  const mode = oneOf(p, 'mode', ['add', 'replace'] as const);
  const wanted = wantedLicenses(tenant, licenseEntries(p, 'licenses', mode === 'add'), ctx.now);
  if (isRefusal(wanted)) return reject(wanted);
  const users = activeUsers(tenant, ids);
  if (isRefusal(users)) return reject(users);
  const actor = author(tenant, ctx, 'assign licenses', ASSIGN_REMEDY);
  if (isRefusal(actor)) return reject(actor);

  const grants = wanted.map((w) => ({
    ...w,
    users: users.filter((user) => {
      const held = heldProduct(tenant, user.id, w.subscription.product);
      if (mode === 'add') return !held;
      // Replacing: a product held through another subscription moves to this one.
      return held?.id !== w.subscription.id;
    }),
    keep:
      mode === 'replace' ? users.filter((u) => tenant.assignments[w.subscription.id]?.[u.id]) : [],
  }));

  // Access (SELF-3) is asked only of the licenses the command changes: a
  // self-service license an admin sees read-only refuses the command only if
  // it would be given, taken (moved to another subscription) or have its apps
  // changed. Replacing leaves such a license as it is: it is not the admin's
  // to replace. NOT_AUTHORIZED (no right to assign at all) stands regardless.
  const changed: Subscription[] = [];
  const named: Subscription[] = [];
  for (const g of grants) {
    named.push(g.subscription);
    const replanned = g.keep.some(
      (u) =>
        !samePlans(tenant.assignments[g.subscription.id]?.[u.id]?.disabledPlans, g.disabledPlans),
    );
    if (g.users.length || replanned) changed.push(g.subscription);
    for (const user of g.users) {
      const held = heldProduct(tenant, user.id, g.subscription.product);
      if (held && held.id !== g.subscription.id) changed.push(held);
    }
  }
  const wantedIds = new Set(wanted.map((w) => w.subscription.id));
  const removals: { user: User; subscription: Subscription }[] = [];
  if (mode === 'replace') {
    for (const user of users) {
      for (const [subscriptionId, assignments] of Object.entries(tenant.assignments)) {
        const subscription = tenant.subscriptions[subscriptionId];
        if (!assignments[user.id] || !subscription || wantedIds.has(subscriptionId)) continue;
        if (subscriptionAccess(tenant, actor, subscription, 'assign') === 'readOnly') continue;
        removals.push({ user, subscription });
      }
    }
  }
  for (const subscription of [...named, ...changed, ...removals.map((r) => r.subscription)]) {
    const access = accessRefusal(tenant, actor, subscription, 'assign');
    if (access?.code === 'READ_ONLY' && !changed.includes(subscription)) continue;
    if (access) return reject(access);
  }

  for (const g of grants) {
    if (!g.users.length) continue;
    const status = notInTerm(g.subscription, lifecycle(g.subscription, ctx.now));
    if (status) return reject(status);
  }
  for (const g of grants) {
    const free = available(tenant, g.subscription);
    if (g.users.length > free) return reject(countViolation(g.subscription, g.users.length, free));
  }
  for (const g of grants) {
    const location = usageLocationMissing(g.users);
    if (location) return reject(location);
    const plans = planRefusal(ctx, g.subscription, g.disabledPlans);
    if (plans) return reject(plans);
  }

  return accept((edit) => {
    for (const r of removals) revoke(edit, tenant, r.user.id, r.subscription, ctx.now);
    for (const g of grants) {
      for (const user of g.users) {
        const held = heldProduct(tenant, user.id, g.subscription.product);
        if (held) revoke(edit, tenant, user.id, held, ctx.now);
        grant(edit, tenant, user, g.subscription, g.disabledPlans, ctx.now);
      }
      for (const user of g.keep) {
        const assignment = tenant.assignments[g.subscription.id]?.[user.id];
        if (assignment) edit(assignment).disabledPlans = [...g.disabledPlans].sort();
      }
    }
  });
}

/** ASG-3: turn a user's apps of one license on or off; the license stays. */
export function decideSetServicePlans(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const userId = text(p, 'user');
  const id = text(p, 'subscription');
  const disabledPlans = textList(p, 'disabledPlans', { nonEmpty: false });
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  const user = activeUser(tenant, userId);
  if (!user) return reject(userNotFound(userId));
  const assignment = tenant.assignments[id]?.[userId];
  if (!assignment) {
    return reject(
      refuse(
        'NOT_FOUND',
        `${user.displayName} has no license from this subscription.`,
        'Assign the license first.',
        {
          user: userId,
          subscription: id,
        },
      ),
    );
  }
  const actor = author(tenant, ctx, 'change apps', ASSIGN_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  const access = accessRefusal(tenant, actor, subscription, 'assign');
  if (access) return reject(access);
  const plans = planRefusal(ctx, subscription, disabledPlans);
  if (plans) return reject(plans);
  return accept((edit) => {
    edit(assignment).disabledPlans = [...disabledPlans].sort();
  });
}
