import type { Context } from '../context';
import { lifecycle, nextRenewal, termMonths } from '../lifecycle';
import { activeUser, isAdmin } from '../permissions';
import { Refused, refuse } from '../refusal';
import {
  assignedCount,
  findSubscription,
  isEndOfSale,
  subscriptionNotFound,
} from '../subscription';
import { toDate } from '../time';
import type { Subscription, Tenant } from '../types';

/**
 * When the subscription renews, or when its term ended or will end. A
 * cancellation ends the term at once (status Cancelled, licenses no longer
 * valid, billing stops: BILL-5, LIC-6), so it is the day of cancelling —
 * unless the term had already ended before (an Expired subscription cancelled
 * later expired on its own end date).
 */
function expiresOn(subscription: Subscription, ctx: Context): string {
  const { cancelledAt, endsAt } = subscription;
  if (cancelledAt !== null) return toDate(Math.min(cancelledAt, endsAt ?? cancelledAt));
  if (endsAt !== null) return toDate(endsAt);
  return toDate(nextRenewal(subscription, ctx.now));
}

export function subscriptionSummary(tenant: Tenant, subscription: Subscription, ctx: Context) {
  const product = ctx.catalogue.product(subscription.product);
  return {
    id: subscription.id,
    product: subscription.product,
    productName: product?.displayName ?? subscription.product,
    status: lifecycle(subscription, ctx.now),
    channel: subscription.channel,
    total: subscription.total,
    /** Sent back as `basedOn`, so a change made against an outdated total is caught (CONCURRENT_CHANGE). */
    totalVersion: subscription.totalVersion,
    assigned: assignedCount(tenant, subscription.id),
    recurringBilling: subscription.recurringBilling,
    billingFrequency: subscription.billingFrequency,
    purchasedOn: toDate(subscription.purchasedAt),
    expiresOn: expiresOn(subscription, ctx),
    creditCheck: subscription.creditCheck,
    purchaser: subscription.purchaser,
    unitPrice: subscription.unitPrice,
    currency: subscription.currency,
    endOfSale: isEndOfSale(subscription, ctx.catalogue),
    scheduledChange: subscription.scheduledChange
      ? { total: subscription.scheduledChange.total, on: toDate(subscription.scheduledChange.at) }
      : null,
    cancellation: subscription.cancellation,
  };
}

export function getSubscription(tenant: Tenant, id: string, ctx: Context): Subscription {
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) throw new Refused(subscriptionNotFound(id));
  return subscription;
}

/** ROLE-5: admins see every subscription; a plain user only their own self-service ones. */
export function visibleSubscriptions(tenant: Tenant, as: string | null, ctx: Context) {
  const user = as === null ? null : activeUser(tenant, as);
  return Object.values(tenant.subscriptions)
    .filter((s) => lifecycle(s, ctx.now) !== 'Gone')
    .filter((s) => (user && isAdmin(user)) || (s.channel === 'SelfService' && s.purchaser === as))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => subscriptionSummary(tenant, s, ctx));
}

export function adminAccess(tenant: Tenant, as: string) {
  const user = activeUser(tenant, as);
  return { admin: user !== null && isAdmin(user) };
}

/** SELF-3: what an admin sees of a self-service purchase. */
export function selfServiceView(tenant: Tenant, id: string, ctx: Context) {
  const subscription = getSubscription(tenant, id, ctx);
  if (subscription.channel !== 'SelfService') {
    throw new Refused(
      refuse('NOT_FOUND', `${id} is not a self-service purchase.`, 'Open it from Your products.'),
    );
  }
  return {
    product: subscription.product,
    productName: ctx.catalogue.product(subscription.product)?.displayName ?? subscription.product,
    purchaser: subscription.purchaser,
    quantity: subscription.total,
    expiresOn: expiresOn(subscription, ctx),
    unitPrice: subscription.unitPrice,
    currency: subscription.currency,
    assignedUsers: Object.keys(tenant.assignments[id] ?? {}).sort(),
  };
}

/**
 * DATA-4: free licenses after buying are to be assigned; otherwise they are
 * unused, and removing them stops paying for them (cost per month shown).
 */
export function suggestions(tenant: Tenant, ctx: Context) {
  return Object.values(tenant.subscriptions)
    .filter((s) => {
      const status = lifecycle(s, ctx.now);
      return status === 'Active' || status === 'Trial';
    })
    .map((s) => ({ s, free: s.total - assignedCount(tenant, s.id) }))
    .filter(({ free }) => free > 0)
    .sort((a, b) => a.s.id.localeCompare(b.s.id))
    .map(({ s, free }) => ({
      kind: s.lastLicenseEvent === 'bought' ? 'assignLicenses' : 'removeUnusedLicenses',
      subscription: s.id,
      count: free,
      monthlyCost: s.trial ? 0 : Math.round((free * s.unitPrice) / termMonths(s)),
      currency: s.currency,
    }));
}
