import type { Context } from '../context';
import { decide } from '../engine';
import { isInTerm, lifecycle, nextRenewal } from '../lifecycle';
import { activeUser, isAdmin } from '../permissions';
import { removalWindow } from '../removalWindow';
import { assignedCount, findSubscription, subscriptionNotFound } from '../subscription';
import { toDate } from '../time';
import { Refused, type ErrorCode } from '../refusal';
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
  reason?: ErrorCode;
  message?: string;
  remedy?: string;
}

/** One of Buy licenses / Remove licenses: whether it is offered, now and at renewal, and why not. */
export interface LicenseOffer {
  /** The button is there: the change can be made now, or scheduled for renewal (MCA-4). */
  offered: boolean;
  now: ActionState;
  atRenewal: ActionState & { on?: string };
  /** When not offered, the reason to show in place of the button. */
  why?: ActionState;
}

/**
 * Whether Buy licenses / Remove licenses are available to a person, and why
 * not: the engine's own decision on one more and one fewer license, made now
 * (`buy`, `remove`) and scheduled for renewal (`offers`).
 */
export function licenseActions(tenant: Tenant, id: string, as: string, ctx: Context) {
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) throw new Refused(subscriptionNotFound(id));
  const probe = (total: number, when: 'now' | 'renewal' = 'now'): ActionState => {
    const decision = decide(
      tenant,
      { type: 'setTotalLicenses', payload: { subscription: id, total, when } },
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
  const buy = probe(subscription.total + 1);
  const renewsOn = toDate(nextRenewal(subscription, ctx.now));
  const offer = (now: ActionState, total: number): LicenseOffer => {
    const later = probe(total, 'renewal');
    const atRenewal = later.allowed ? { ...later, on: renewsOn } : later;
    if (now.allowed || later.allowed) return { offered: true, now, atRenewal };
    // MCA-5: a closed removal window points at renewal; if that is refused too, its reason is the one that holds.
    const why = now.reason === 'REMOVAL_WINDOW_CLOSED' ? later : now;
    return { offered: false, now, atRenewal, why };
  };
  return {
    buy,
    remove,
    offers: {
      buy: offer(buy, subscription.total + 1),
      remove: offer(remove, subscription.total - 1),
    },
  };
}

/** ASG-4: who holds a product's licenses, through which subscription, since when. */
export function productUsers(tenant: Tenant, product: string, ctx: Pick<Context, 'now'>) {
  return subscriptionsOfProduct(tenant, product)
    .filter((subscription) => lifecycle(subscription, ctx.now) !== 'Gone')
    .flatMap((subscription) =>
      Object.values(tenant.assignments[subscription.id] ?? {}).map((assignment) => ({
        user: assignment.user,
        displayName: tenant.users[assignment.user]?.displayName ?? assignment.user,
        subscription: subscription.id,
        assignedOn: toDate(assignment.assignedAt),
      })),
    )
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.user.localeCompare(b.user));
}

/**
 * Products an import kept that the catalogue lacks, for admins (as ROLE-5 shows
 * them subscriptions): read-only, with who holds them.
 */
export function unknownProducts(tenant: Tenant, as: string) {
  const user = activeUser(tenant, as);
  if (!user || !isAdmin(user)) return [];
  return Object.values(tenant.unknownProducts ?? {})
    .map((product) => ({
      ...product,
      holders: product.holders.map((id) => tenant.users[id]?.displayName ?? id),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
