import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { lifecycle } from '../lifecycle';
import { textList, text, type Payload } from '../payload';
import { normaliseProductKey } from '../productKey';
import { refuse } from '../refusal';
import { assignedCount, findSubscription, subscriptionNotFound } from '../subscription';
import { addMonths } from '../time';
import type { ProductKey, Tenant } from '../types';
import { accessRefusal, author, BUY_REMEDY, isRefusal } from './authorization';
import { changeTotal, quantityRefusal } from './setTotalLicenses';

/**
 * KEY-1..4: redeem one or more prepaid product keys. In its term a key adds
 * licenses and extends the end date; after the term ended the keys renew the
 * subscription with their licenses (so renewing with fewer reduces, KEY-4).
 */
export function decideRedeemProductKeys(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'subscription');
  const entered = textList(p, 'keys', { keepRepeats: true });
  const subscription = findSubscription(tenant, id, ctx.now);
  if (!subscription) return reject(subscriptionNotFound(id));
  const actor = author(tenant, ctx, 'redeem product keys', BUY_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  const access = accessRefusal(tenant, actor, subscription, 'buy');
  if (access) return reject(access);
  const status = lifecycle(subscription, ctx.now);
  if (status === 'Cancelled' || status === 'Trial') {
    return reject(
      refuse(
        'SUBSCRIPTION_NOT_ACTIVE',
        `Product keys can't be redeemed on a ${status.toLowerCase()} subscription.`,
        status === 'Trial' ? 'Buy the trial first.' : 'Buy a new subscription.',
      ),
    );
  }

  const keys: ProductKey[] = [];
  const seen = new Set<string>();
  for (const input of entered) {
    const normalised = normaliseProductKey(input);
    const key = normalised ? tenant.productKeys[normalised] : undefined;
    if (!normalised || !key || key.product !== subscription.product) {
      return reject(
        refuse(
          'INVALID_PRODUCT_KEY',
          normalised
            ? `The product key ${input} is not valid for ${subscription.product}.`
            : `${input} is not a product key: a key has 25 letters and digits, in five groups of five.`,
          'Check the key and enter it again.',
          { key: input },
        ),
      );
    }
    if (key.redeemedAt !== null || seen.has(normalised)) {
      return reject(
        refuse(
          'PRODUCT_KEY_USED',
          `The product key ${input} has already been redeemed.`,
          'Use a new and unused product key.',
          {
            key: input,
          },
        ),
      );
    }
    seen.add(normalised);
    keys.push(key);
  }

  const licenses = keys.reduce((sum, key) => sum + key.licenses, 0);
  const renewing = status === 'Expired' || status === 'Disabled';
  // Renewing, the keys cover one new term together; in a term each key extends it.
  const months = renewing
    ? Math.max(...keys.map((key) => key.extendsMonths))
    : keys.reduce((sum, key) => sum + key.extendsMonths, 0);
  if (renewing && months === 0) {
    return reject(
      refuse(
        'SUBSCRIPTION_NOT_ACTIVE',
        'The subscription has expired, and these keys add licenses without renewing it.',
        'Redeem a key that renews the subscription.',
      ),
    );
  }
  const total = renewing ? licenses : subscription.total + licenses;
  const quantity = quantityRefusal(total, subscription, ctx);
  if (quantity) return reject(quantity);
  const assigned = assignedCount(tenant, id);
  if (total < assigned) {
    return reject(
      refuse(
        'BELOW_ASSIGNED',
        `These keys give ${total} licenses, but ${assigned} are assigned.`,
        'Unassign licenses until no more are assigned than the keys give, then redeem them.',
        { total, assigned },
      ),
    );
  }

  return accept((edit) => {
    for (const key of keys) {
      const redeemed = edit(key);
      redeemed.redeemedAt = ctx.now;
      redeemed.redeemedOn = id;
    }
    const changed = edit(subscription);
    if (total !== changed.total) changeTotal(changed, total, ctx.now, 'key');
    if (renewing) {
      changed.purchasedAt = ctx.now;
      changed.endsAt = addMonths(ctx.now, months);
    } else if (changed.endsAt !== null && months > 0) {
      changed.endsAt = addMonths(changed.endsAt, months);
    }
    changed.lastLicenseEvent = 'bought';
  });
}
