import { daysAfter, periodContaining, type Instant, type Period } from './time';
import type { Subscription, SubscriptionStatus } from './types';

/** LIC-6: Expired for 30 days, then Disabled for 90 days, then gone. */
export const EXPIRED_DAYS = 30;
export const DISABLED_DAYS = 90;
/** A cancelled subscription stays visible this long, like a disabled one. */
export const CANCELLED_DAYS = 90;

export type Lifecycle = SubscriptionStatus | 'Gone';

export function lifecycle(subscription: Subscription, now: Instant): Lifecycle {
  if (subscription.cancelledAt !== null) {
    return now <= daysAfter(subscription.cancelledAt, CANCELLED_DAYS) ? 'Cancelled' : 'Gone';
  }
  const ends = subscription.endsAt;
  if (ends !== null && now >= ends) {
    if (now <= daysAfter(ends, EXPIRED_DAYS)) return 'Expired';
    if (now <= daysAfter(ends, EXPIRED_DAYS + DISABLED_DAYS)) return 'Disabled';
    return 'Gone';
  }
  return subscription.trial ? 'Trial' : 'Active';
}

/** Licenses count as valid (LIC-3) only while the subscription is in its term. */
export function isInTerm(status: Lifecycle): boolean {
  return status === 'Trial' || status === 'Active';
}

export function termMonths(subscription: Pick<Subscription, 'billingFrequency'>): number {
  return subscription.billingFrequency === 'annual' ? 12 : 1;
}

/** The billing period (the term: a month or a year) containing `t`. */
export function billingPeriod(subscription: Subscription, t: Instant): Period {
  return periodContaining(subscription.purchasedAt, termMonths(subscription), t);
}

/** Invoices come every month, for annual payers too (BILL-1). */
export function invoicePeriod(subscription: Subscription, t: Instant): Period {
  return periodContaining(subscription.purchasedAt, 1, t);
}

export function nextRenewal(subscription: Subscription, t: Instant): Instant {
  return billingPeriod(subscription, t).end;
}
