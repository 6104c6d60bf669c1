import type { Catalogue } from './catalogue/catalogue';
import { adjustHolderCount, servicePlanNames, subscriptionsSelling } from './indexes';
import type { Edit } from './context';
import { DAY, type Instant } from './time';
import type { Subscription, Tenant, User } from './types';

/** DATA-1: a user's data is kept this long after a license is removed. */
export const RETENTION_DAYS = 30;

/** The subscription through which a user holds a product, if any. */
export function heldProduct(tenant: Tenant, userId: string, product: string): Subscription | null {
  for (const subscriptionId of subscriptionsSelling(tenant, product)) {
    if (tenant.assignments[subscriptionId]?.[userId]) return tenant.subscriptions[subscriptionId];
  }
  return null;
}

export function licensesOf(tenant: Tenant, userId: string): string[] {
  return Object.keys(tenant.assignments)
    .filter((id) => tenant.assignments[id]?.[userId])
    .sort();
}

/** Service plans named that the product doesn't have (ASG-3). */
export function unknownPlans(catalogue: Catalogue, product: string, plans: string[]): string[] {
  const known = servicePlanNames(catalogue, product);
  return plans.filter((plan) => !known.has(plan));
}

/**
 * Gives a license. Reassigning a product within the retention window keeps the
 * data (DATA-1), so the retained entry goes. Reads what it is given (as
 * deciding read it) and changes through `edit` (context.ts), for a replay to
 * undo it; reading through `edit` would pay the recording view's traps.
 */
export function grant(
  edit: Edit,
  tenant: Tenant,
  user: User,
  subscription: Subscription,
  disabledPlans: string[],
  now: Instant,
): void {
  if (!tenant.assignments[subscription.id]) edit(tenant.assignments)[subscription.id] = {};
  const holders = tenant.assignments[subscription.id];
  if (!holders[user.id]) adjustHolderCount(edit(holders), 1);
  edit(holders)[user.id] = {
    user: user.id,
    subscription: subscription.id,
    disabledPlans: [...disabledPlans].sort(),
    assignedAt: now,
  };
  const kept = tenant.retainedData[user.id];
  if (kept) {
    const rest = kept.filter((entry) => entry.product !== subscription.product);
    if (rest.length) edit(tenant.retainedData)[user.id] = rest;
    else delete edit(tenant.retainedData)[user.id];
  }
}

/** Removes a license; its data is kept for 30 days (DATA-1). Reads and changes as `grant` does. */
export function revoke(
  edit: Edit,
  tenant: Tenant,
  userId: string,
  subscription: Subscription,
  now: Instant,
): void {
  const assignments = tenant.assignments[subscription.id];
  if (!assignments?.[userId]) return;
  const holders = edit(assignments);
  adjustHolderCount(holders, -1);
  delete holders[userId];
  const kept = (tenant.retainedData[userId] ?? []).filter(
    (entry) => entry.product !== subscription.product,
  );
  kept.push({ subscription: subscription.id, product: subscription.product, removedAt: now });
  edit(tenant.retainedData)[userId] = kept;
  edit(subscription).lastLicenseEvent = 'freed';
}

export function retentionEnds(removedAt: Instant): Instant {
  return removedAt + RETENTION_DAYS * DAY;
}
