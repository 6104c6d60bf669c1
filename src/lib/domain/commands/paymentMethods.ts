import { expiredAt, luhnValid, parseExpiry, securityCodeValid } from '../billing/card';
import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { optionalText, text, type Payload } from '../payload';
import { mayBuy } from '../permissions';
import { refuse, type Refusal } from '../refusal';
import { findSubscription, subscriptionNotFound } from '../subscription';
import type { Tenant, User } from '../types';
import { accessRefusal, author, BUY_REMEDY, isRefusal, notAuthorized } from './authorization';

function invalidCard(message: string, field: string): Refusal {
  return refuse('INVALID_PAYMENT_METHOD', message, 'Check the card details and try again.', {
    field,
  });
}

/** Billing admins manage the tenant's cards; a self-service purchaser manages their own (SELF-2). */
function mayManagePayments(tenant: Tenant, user: User): boolean {
  return (
    mayBuy(tenant, user) ||
    Object.values(tenant.subscriptions).some(
      (s) => s.channel === 'SelfService' && s.purchaser === user.id,
    )
  );
}

function cardRefusal(
  fields: { cardNumber?: string; securityCode: string; expiry: string | null },
  now: number,
): Refusal | null {
  if (fields.cardNumber !== undefined && !luhnValid(fields.cardNumber)) {
    return invalidCard('The card number is not valid.', 'cardNumber');
  }
  if (!securityCodeValid(fields.securityCode)) {
    return invalidCard('The security code must be the 3 or 4 digits on the card.', 'securityCode');
  }
  if (fields.expiry !== null) {
    const expiry = parseExpiry(fields.expiry);
    if (!expiry) return invalidCard('Enter the expiry date as MM/YYYY.', 'expiry');
    if (expiredAt(expiry, now)) return invalidCard('The card has expired.', 'expiry');
  }
  return null;
}

/** BILL-3, KEY-5: add a card (optionally paying for a prepaid subscription's extra licenses). */
export function decideAddPaymentMethod(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'id');
  const cardNumber = text(p, 'cardNumber');
  const expiry = text(p, 'expiry');
  const nameOnCard = text(p, 'nameOnCard');
  const address = text(p, 'address');
  const securityCode = text(p, 'securityCode');
  const subscriptionId = optionalText(p, 'subscription');
  const billingProfile = optionalText(p, 'billingProfile') ?? 'default';
  const replaces = optionalText(p, 'replaces');

  if (tenant.paymentMethods[id]) {
    return reject(
      refuse('ALREADY_EXISTS', `A payment method "${id}" already exists.`, 'Choose another id.'),
    );
  }
  if (replaces !== null && !tenant.paymentMethods[replaces]) {
    return reject(
      refuse(
        'NOT_FOUND',
        `There is no payment method "${replaces}".`,
        'Choose a payment method from the list.',
      ),
    );
  }
  const subscription = subscriptionId ? findSubscription(tenant, subscriptionId, ctx.now) : null;
  if (subscriptionId && !subscription) return reject(subscriptionNotFound(subscriptionId));
  const actor = author(tenant, ctx, 'manage payment methods', BUY_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  if (subscription) {
    const access = accessRefusal(tenant, actor, subscription, 'buy');
    if (access) return reject(access);
  } else if (!mayManagePayments(tenant, actor)) {
    return reject(notAuthorized('manage payment methods', BUY_REMEDY));
  }
  const invalid = cardRefusal({ cardNumber, securityCode, expiry }, ctx.now);
  if (invalid) return reject(invalid);
  const parsed = parseExpiry(expiry)!;
  const digits = cardNumber.replace(/\D/g, '');
  return accept(() => {
    if (replaces !== null) {
      delete tenant.paymentMethods[replaces];
      for (const s of Object.values(tenant.subscriptions)) {
        if (s.paymentMethod === replaces) s.paymentMethod = id;
      }
    }
    tenant.paymentMethods[id] = {
      id,
      last4: digits.slice(-4),
      expiryMonth: parsed.month,
      expiryYear: parsed.year,
      nameOnCard,
      address,
      billingProfile,
      subscription: subscription?.id ?? null,
      addedBy: actor.id,
    };
    if (subscription) subscription.paymentMethod = id;
  });
}

/** BILL-3: edit the security code, expiry date, name on card or address. */
export function decideUpdatePaymentMethod(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'id');
  const securityCode = text(p, 'securityCode');
  const expiry = optionalText(p, 'expiry');
  const nameOnCard = optionalText(p, 'nameOnCard');
  const address = optionalText(p, 'address');
  const method = tenant.paymentMethods[id];
  if (!method)
    return reject(
      refuse(
        'NOT_FOUND',
        `There is no payment method "${id}".`,
        'Choose a payment method from the list.',
      ),
    );
  const actor = author(tenant, ctx, 'manage payment methods', BUY_REMEDY);
  if (isRefusal(actor)) return reject(actor);
  if (!mayManagePayments(tenant, actor))
    return reject(notAuthorized('manage payment methods', BUY_REMEDY));
  const invalid = cardRefusal({ securityCode, expiry }, ctx.now);
  if (invalid) return reject(invalid);
  return accept(() => {
    if (expiry !== null) {
      const parsed = parseExpiry(expiry)!;
      method.expiryMonth = parsed.month;
      method.expiryYear = parsed.year;
    }
    if (nameOnCard !== null) method.nameOnCard = nameOnCard;
    if (address !== null) method.address = address;
  });
}
