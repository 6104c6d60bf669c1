import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { billingPeriod, lifecycle } from '../lifecycle';
import { listUnitPrice, newSubscription } from '../newSubscription';
import {
  boolean,
  number,
  oneOf,
  optionalBoolean,
  optionalText,
  text,
  type Payload,
} from '../payload';
import { mayBuy } from '../permissions';
import { refuse } from '../refusal';
import {
  addSubscription,
  findSubscription,
  isEndOfSale,
  managedBySeller,
  notActiveRemedy,
  subscriptionNotFound,
} from '../subscription';
import { BILLING_FREQUENCIES, type Tenant } from '../types';
import { accessRefusal, author, BUY_REMEDY, isRefusal, notAuthorized } from './authorization';
import { quantityRefusal } from './setTotalLicenses';

/** Over this many licenses a MOSA subscription can't be cancelled online (BILL-6). */
export const MOSA_CANCEL_LIMIT = 25;

/** SELF-1 and buying as an admin: a new subscription, paid for at once (LIC-4). */
export function decideBuySubscription(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'id');
  const productId = text(p, 'product');
  const total = number(p, 'total');
  const billingFrequency = oneOf(p, 'billingFrequency', BILLING_FREQUENCIES);
  const trial = optionalBoolean(p, 'trial') ?? false;

  const product = ctx.catalogue.product(productId);
  if (!product) {
    return reject(
      refuse(
        'NOT_FOUND',
        `There is no product "${productId}" in the catalogue.`,
        'Pick a product from the catalogue.',
        {
          product: productId,
        },
      ),
    );
  }
  if (tenant.subscriptions[id]) {
    return reject(
      refuse('ALREADY_EXISTS', `A subscription "${id}" already exists.`, 'Choose another id.'),
    );
  }
  const user = author(tenant, ctx, 'buy subscriptions', BUY_REMEDY);
  if (isRefusal(user)) return reject(user);
  const admin = mayBuy(tenant, user);
  const selfService = !admin && product.selfService && !trial;
  if (!admin && !selfService) {
    return reject(
      notAuthorized(
        'buy this product',
        product.selfService
          ? BUY_REMEDY
          : `${product.displayName} can't be bought by self-service purchase. ${BUY_REMEDY}`,
      ),
    );
  }
  if (product.endOfSale) {
    return reject(
      refuse('END_OF_SALE', 'This product is no longer available to buy.', 'Buy another product.', {
        product: productId,
      }),
    );
  }
  const probe = newSubscription({
    id,
    product: productId,
    total,
    billingFrequency,
    purchasedAt: ctx.now,
    channel: selfService ? 'SelfService' : 'Direct',
    trial,
    purchaser: selfService ? user.id : null,
    unitPrice: listUnitPrice(ctx.catalogue, productId, billingFrequency),
    currency: 'USD',
  });
  const quantity = quantityRefusal(total, probe, ctx);
  if (quantity) return reject(quantity);
  return accept((edit) => {
    if (trial) probe.endsAt = billingPeriod(probe, ctx.now).end;
    addSubscription(edit(tenant), probe);
  });
}

/** LIC-5: "buy the trial first" turns a trial into a paid subscription. */
export function decideBuyTrial(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'subscription');
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  const user = author(tenant, ctx, 'buy subscriptions', BUY_REMEDY);
  if (isRefusal(user)) return reject(user);
  const access = accessRefusal(tenant, user, subscription, 'buy');
  if (access) return reject(access);
  const status = lifecycle(subscription, ctx.now);
  if (status !== 'Trial' && status !== 'Active') {
    return reject(
      refuse(
        'SUBSCRIPTION_NOT_ACTIVE',
        `The trial has ${status === 'Expired' ? 'expired' : 'ended'}.`,
        'Buy a new subscription.',
      ),
    );
  }
  if (isEndOfSale(subscription, ctx.catalogue)) {
    return reject(
      refuse('END_OF_SALE', 'This product is no longer available to buy.', 'Buy another product.'),
    );
  }
  if (!subscription.trial) {
    return reject(
      refuse('NOT_A_TRIAL', 'This subscription is already paid for.', 'Nothing to do.'),
    );
  }
  return accept((edit) => {
    const changed = edit(subscription);
    changed.trial = false;
    changed.purchasedAt = ctx.now;
    changed.endsAt = null;
    changed.recurringBilling = true;
    changed.purchases = [];
    changed.initialTotal = changed.total;
    changed.changes = [];
    changed.lastLicenseEvent = 'bought';
  });
}

/** MCA-3/4: recurring billing decides whether the term renews. */
export function decideSetRecurringBilling(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'subscription');
  const on = boolean(p, 'on');
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  const user = author(tenant, ctx, 'change recurring billing', BUY_REMEDY);
  if (isRefusal(user)) return reject(user);
  const access = accessRefusal(tenant, user, subscription, 'buy');
  if (access) return reject(access);
  const status = lifecycle(subscription, ctx.now);
  if (status !== 'Active') {
    const { remedy, remedyCase } = notActiveRemedy(subscription, status);
    return reject(
      refuse(
        'SUBSCRIPTION_NOT_ACTIVE',
        `Recurring billing can only be changed on an active subscription; this one is ${status.toLowerCase()}.`,
        remedy,
        { subscription: subscription.id, status, remedyCase },
      ),
    );
  }
  if (subscription.channel === 'Prepaid') {
    return reject(
      refuse(
        'PREPAID',
        'A prepaid subscription renews with a product key, not by recurring billing.',
        'Redeem a product key to extend it.',
        { subscription: subscription.id, remedyCase: 'renewsWithKey' },
      ),
    );
  }
  const seller = managedBySeller(subscription, 'Billing for this subscription is managed');
  if (seller) return reject(seller);
  return accept((edit) => {
    const changed = edit(subscription);
    changed.recurringBilling = on;
    changed.endsAt = on ? null : billingPeriod(subscription, ctx.now).end;
    // MCA-4: with recurring billing off, changes can only be made now.
    if (!on) changed.scheduledChange = null;
  });
}

/** BILL-5, BILL-6: cancel with a reason and optional feedback. */
export function decideCancelSubscription(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'subscription');
  const reason = text(p, 'reason');
  const feedback = optionalText(p, 'feedback');
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  const user = author(tenant, ctx, 'cancel subscriptions', BUY_REMEDY);
  if (isRefusal(user)) return reject(user);
  const access = accessRefusal(tenant, user, subscription, 'buy');
  if (access) return reject(access);
  const status = lifecycle(subscription, ctx.now);
  if (status === 'Cancelled' || status === 'Disabled') {
    return reject(
      refuse(
        'SUBSCRIPTION_NOT_ACTIVE',
        `The subscription is already ${status.toLowerCase()}.`,
        'Nothing to cancel.',
      ),
    );
  }
  const seller = managedBySeller(subscription, 'This subscription is cancelled');
  if (seller) return reject(seller);
  if (tenant.billingAccountType === 'MOSA' && subscription.total > MOSA_CANCEL_LIMIT) {
    return reject(
      refuse(
        'TOO_MANY_LICENSES_TO_CANCEL',
        `A subscription with more than ${MOSA_CANCEL_LIMIT} licenses can't be cancelled online.`,
        `Reduce it to ${MOSA_CANCEL_LIMIT} licenses first, then cancel.`,
        { max: MOSA_CANCEL_LIMIT, total: subscription.total },
      ),
    );
  }
  return accept((edit) => {
    const changed = edit(subscription);
    changed.cancelledAt = ctx.now;
    changed.cancellation = { reason, feedback };
    changed.recurringBilling = false;
    changed.scheduledChange = null;
  });
}

/** LIC-5: the outside world reports the credit check done; the buttons come back. */
export function decideCompleteCreditCheck(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'subscription');
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  return accept((edit) => {
    const changed = edit(subscription);
    changed.creditCheck = 'done';
  });
}
