import type { Catalogue } from './catalogue/catalogue';
import { holderCount, subscriptionsChanged } from './indexes';
import { isInTerm, lifecycle, type Lifecycle } from './lifecycle';
import { refuse, type Refusal } from './refusal';
import type { Instant } from './time';
import type { Subscription, Tenant } from './types';

/** A subscription that still exists at `now` (not gone after its lifecycle). */
export function findSubscription(tenant: Tenant, id: string, now: Instant): Subscription | null {
  const subscription = tenant.subscriptions[id];
  return subscription && lifecycle(subscription, now) !== 'Gone' ? subscription : null;
}

export function subscriptionNotFound(id: string): Refusal {
  return refuse(
    'NOT_FOUND',
    `There is no subscription "${id}".`,
    'Check the subscription on Your products.',
    {
      subscription: id,
    },
  );
}

/** Puts a new subscription in place, with no one holding it yet. */
export function addSubscription(tenant: Tenant, subscription: Subscription): void {
  tenant.subscriptions[subscription.id] = subscription;
  tenant.assignments[subscription.id] = {};
  subscriptionsChanged(tenant);
}

export function assignedCount(tenant: Tenant, subscriptionId: string): number {
  const assignments = tenant.assignments[subscriptionId];
  return assignments ? holderCount(assignments) : 0;
}

export function isEndOfSale(subscription: Subscription, catalogue: Catalogue): boolean {
  return subscription.endOfSale ?? catalogue.product(subscription.product)?.endOfSale ?? false;
}

/**
 * What someone can do about a subscription out of its term, as a remedy and
 * its case (`params.remedyCase`, which the interface words in each language).
 * Nothing reactivates an expired, disabled or cancelled subscription (turning
 * recurring billing on needs an active one): a prepaid one is renewed with a
 * product key (KEY-2), anything else needs a new subscription.
 */
export function notActiveRemedy(
  subscription: Subscription,
  status: Lifecycle,
): { remedy: string; remedyCase: 'buyTrial' | 'redeemKey' | 'buyNew' } {
  if (status === 'Trial') return { remedy: 'Buy the trial first.', remedyCase: 'buyTrial' };
  if (subscription.channel === 'Prepaid' && (status === 'Expired' || status === 'Disabled')) {
    return {
      remedy: 'Redeem a product key to renew the subscription.',
      remedyCase: 'redeemKey',
    };
  }
  return {
    remedy: `A${status === 'Expired' ? 'n' : ''} ${status.toLowerCase()} subscription can't be reactivated: buy a new subscription.`,
    remedyCase: 'buyNew',
  };
}

export function notInTerm(subscription: Subscription, status: Lifecycle): Refusal | null {
  if (isInTerm(status)) return null;
  const { remedy, remedyCase } = notActiveRemedy(subscription, status);
  return refuse(
    'SUBSCRIPTION_NOT_ACTIVE',
    `The subscription is ${status.toLowerCase()}, so its licenses can't be changed or assigned.`,
    remedy,
    { subscription: subscription.id, status, remedyCase },
  );
}

/**
 * LIC-5: why Buy licenses / Remove licenses are unavailable, in the order of
 * the seeds' table. `canPayByCard` lets a prepaid subscription with a card buy
 * (KEY-5).
 */
export function salesBlock(
  subscription: Subscription,
  catalogue: Catalogue,
  { canPayByCard = false } = {},
): Refusal | null {
  const params = { subscription: subscription.id };
  if (subscription.creditCheck === 'pending') {
    return refuse(
      'CREDIT_CHECK_PENDING',
      "A credit check is pending, so you can't buy or remove licenses until it completes.",
      'Come back later. Credit checks usually take up to two business days; the buttons come back once it completes.',
      params,
    );
  }
  if (subscription.channel === 'Prepaid' && !canPayByCard) {
    return refuse(
      'PREPAID',
      'This subscription was prepaid with a product key ("Prepaid" purchase channel).',
      'Add licenses with another product key, or add a credit or debit card to pay for more licenses. Licenses cannot be removed from a prepaid subscription.',
      params,
    );
  }
  if (subscription.channel === 'Reseller') {
    return refuse(
      'RESELLER',
      'This subscription was bought through a reseller ("Reseller" purchase channel).',
      'Contact your Cloud Solution Provider partner to buy or remove licenses.',
      params,
    );
  }
  if (subscription.channel === 'MicrosoftRepresentative') {
    return refuse(
      'MICROSOFT_REPRESENTATIVE',
      'This subscription was bought through a Microsoft representative.',
      'Contact your Microsoft representative to increase or reduce the number of licenses.',
      params,
    );
  }
  if (subscription.trial) {
    return refuse(
      'TRIAL',
      'This is a trial subscription.',
      'Buy the trial subscription first; then you can buy more licenses.',
      params,
    );
  }
  if (isEndOfSale(subscription, catalogue)) {
    return refuse(
      'END_OF_SALE',
      'This product is no longer available to buy, so some actions are disabled.',
      'Buy another subscription. In some cases you may be able to convert your subscription.',
      params,
    );
  }
  return null;
}

/**
 * Subscriptions sold by a reseller or a Microsoft representative are managed
 * through them: `what` says what the admin tried ("Billing for this subscription
 * is managed", "This subscription is cancelled").
 */
export function managedBySeller(subscription: Subscription, what: string): Refusal | null {
  if (subscription.channel !== 'Reseller' && subscription.channel !== 'MicrosoftRepresentative') {
    return null;
  }
  const reseller = subscription.channel === 'Reseller';
  return refuse(
    reseller ? 'RESELLER' : 'MICROSOFT_REPRESENTATIVE',
    `${what} through whoever sold it.`,
    reseller ? 'Contact your partner.' : 'Contact your Microsoft representative.',
    // Not the LIC-5 case the code is worded for: the interface words this one apart.
    { subscription: subscription.id, remedyCase: 'managed' },
  );
}
