import type { Context } from '../context';
import { decide } from '../engine';
import { isInTerm, lifecycle } from '../lifecycle';
import { removalWindow } from '../removalWindow';
import { assignedCount, findSubscription, subscriptionNotFound } from '../subscription';
import { nextRenewal } from '../lifecycle';
import { toDate } from '../time';
import { Refused } from '../refusal';
import type { Subscription, Tenant } from '../types';

export interface LicenseCounts {
  valid: number;
  expired: number;
  assigned: number;
  available: number;
}

/** LIC-3: valid, expired and assigned licenses, and how many are free to assign. */
export function licenseCounts(
  tenant: Tenant,
  subscriptions: Subscription[],
  ctx: Pick<Context, 'now'>,
): LicenseCounts {
  let valid = 0;
  let expired = 0;
  let assigned = 0;
  for (const subscription of subscriptions) {
    const status = lifecycle(subscription, ctx.now);
    if (status === 'Gone') continue;
    if (isInTerm(status)) valid += subscription.total;
    else expired += subscription.total;
    assigned += assignedCount(tenant, subscription.id);
  }
  return { valid, expired, assigned, available: Math.max(0, valid - assigned) };
}

export function subscriptionsOfProduct(tenant: Tenant, product: string): Subscription[] {
  return Object.values(tenant.subscriptions).filter((s) => s.product === product);
}

export interface ActionState {
  allowed: boolean;
  reason?: string;
  message?: string;
  remedy?: string;
}

/**
 * Whether Buy licenses / Remove licenses are available to a person, and why
 * not: the engine's own decision on one more and one fewer license.
 */
export function licenseActions(tenant: Tenant, id: string, as: string, ctx: Context) {
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) throw new Refused(subscriptionNotFound(id));
  const probe = (total: number): ActionState => {
    const decision = decide(
      tenant,
      { type: 'setTotalLicenses', payload: { subscription: id, total } },
      { ...ctx, author: as },
    );
    if (decision.ok) return { allowed: true };
    const { code, message, remedy } = decision.refusal;
    return { allowed: false, reason: code, message, ...(remedy ? { remedy } : {}) };
  };
  const remove: ActionState & { until?: string; renewsOn?: string } = probe(subscription.total - 1);
  if (tenant.billingAccountType === 'MCA') {
    const until = removalWindow(subscription, ctx.now).until;
    if (remove.allowed && until !== null) remove.until = toDate(until);
    if (remove.reason === 'REMOVAL_WINDOW_CLOSED')
      remove.renewsOn = toDate(nextRenewal(subscription, ctx.now));
  }
  return { buy: probe(subscription.total + 1), remove };
}
