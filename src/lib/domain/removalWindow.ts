import { billingPeriod } from './lifecycle';
import { DAY, type Instant } from './time';
import type { Subscription } from './types';

/** MCA-2: seven days (7 × 24 hours, inclusive) after a purchase or renewal. */
export const REMOVAL_WINDOW_DAYS = 7;

export interface RemovalWindow {
  /** How many licenses may be removed now; Infinity inside the period's own window. */
  removable: number;
  /** The last moment any removal is allowed, or null when none is. */
  until: Instant | null;
}

const windowEnd = (t: Instant) => t + REMOVAL_WINDOW_DAYS * DAY;

/**
 * MCA-2: anything may be removed within 7 days after the subscription was
 * bought or renewed; after that only licenses bought in the last 7 days.
 */
export function removalWindow(subscription: Subscription, now: Instant): RemovalWindow {
  const open = subscription.purchases.filter((p) => p.remaining > 0 && now <= windowEnd(p.at));
  const purchasesUntil = open.length ? Math.max(...open.map((p) => windowEnd(p.at))) : null;
  const periodUntil = windowEnd(billingPeriod(subscription, now).start);
  if (now <= periodUntil) {
    return { removable: Infinity, until: Math.max(periodUntil, purchasesUntil ?? 0) };
  }
  return { removable: open.reduce((sum, p) => sum + p.remaining, 0), until: purchasesUntil };
}

/** Takes `count` removed licenses off the most recent open purchases first. */
export function consumePurchases(subscription: Subscription, count: number, now: Instant): void {
  let left = count;
  for (const purchase of [...subscription.purchases].reverse()) {
    if (left === 0) break;
    if (now > windowEnd(purchase.at)) continue;
    const taken = Math.min(purchase.remaining, left);
    purchase.remaining -= taken;
    left -= taken;
  }
  subscription.purchases = subscription.purchases.filter(
    (p) => p.remaining > 0 && now <= windowEnd(p.at),
  );
}
