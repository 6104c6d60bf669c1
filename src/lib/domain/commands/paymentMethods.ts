import { cardDigits, expiredAt, luhnValid, parseExpiry, securityCodeValid } from '../billing/card';
import type { Context, Decision } from '../context';
import { accept, reject } from '../context';
import { optionalBoolean, optionalText, text, type Payload } from '../payload';
import { mayBuy } from '../permissions';
import { InvalidInput, refuse, type Refusal } from '../refusal';
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

/**
 * The card as the payload gives it. In full (typed on this device): the card
 * number (add only) and the security code, both checked here. In recorded form
 * (an op, recorded.ts): `cardChecked: true`, the last 4 digits (add only) and
 * neither of the others; the device that recorded it made those checks.
 */
type CardFields =
  | { checked: false; cardNumber: string | null; securityCode: string }
  | { checked: true; last4: string | null };

function cardFields(p: Payload, withNumber: boolean): CardFields {
  if (optionalBoolean(p, 'cardChecked') !== true) {
    return {
      checked: false,
      cardNumber: withNumber ? text(p, 'cardNumber') : null,
      securityCode: text(p, 'securityCode'),
    };
  }
  for (const key of ['cardNumber', 'securityCode']) {
    if (p[key] !== undefined) throw new InvalidInput(key, 'must not be given with cardChecked');
  }
  if (!withNumber) return { checked: true, last4: null };
  const last4 = text(p, 'last4');
  if (!/^\d{4}$/.test(last4))
    throw new InvalidInput('last4', 'must be the last 4 digits of the card');
  return { checked: true, last4 };
}

function cardRefusal(card: CardFields, expiry: string | null, now: number): Refusal | null {
  if (!card.checked) {
    if (card.cardNumber !== null && !luhnValid(card.cardNumber)) {
      return invalidCard('The card number is not valid.', 'cardNumber');
    }
    if (!securityCodeValid(card.securityCode)) {
      return invalidCard(
        'The security code must be the 3 or 4 digits on the card.',
        'securityCode',
      );
    }
  }
  // The expiry is checked against the op's time, wherever the op is decided.
  if (expiry !== null) {
    const parsed = parseExpiry(expiry);
    if (!parsed) return invalidCard('Enter the expiry date as MM/YYYY.', 'expiry');
    if (expiredAt(parsed, now)) return invalidCard('The card has expired.', 'expiry');
  }
  return null;
}

/** BILL-3, KEY-5: add a card (optionally paying for a prepaid subscription's extra licenses). */
export function decideAddPaymentMethod(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'id');
  const card = cardFields(p, true);
  const expiry = text(p, 'expiry');
  const nameOnCard = text(p, 'nameOnCard');
  const address = text(p, 'address');
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
  const invalid = cardRefusal(card, expiry, ctx.now);
  if (invalid) return reject(invalid);
  const parsed = parseExpiry(expiry)!;
  const last4 = card.checked ? card.last4! : cardDigits(card.cardNumber!).slice(-4);
  return accept((edit) => {
    const t = edit(tenant);
    if (replaces !== null) {
      delete t.paymentMethods[replaces];
      for (const s of Object.values(t.subscriptions)) {
        if (s.paymentMethod === replaces) s.paymentMethod = id;
      }
    }
    t.paymentMethods[id] = {
      id,
      last4,
      expiryMonth: parsed.month,
      expiryYear: parsed.year,
      nameOnCard,
      address,
      billingProfile,
      subscription: subscription?.id ?? null,
      addedBy: actor.id,
    };
    if (subscription) edit(subscription).paymentMethod = id;
  });
}

/** BILL-3: edit the security code, expiry date, name on card or address. */
export function decideUpdatePaymentMethod(tenant: Tenant, p: Payload, ctx: Context): Decision {
  const id = text(p, 'id');
  const card = cardFields(p, false);
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
  const invalid = cardRefusal(card, expiry, ctx.now);
  if (invalid) return reject(invalid);
  return accept((edit) => {
    const changed = edit(method);
    if (expiry !== null) {
      const parsed = parseExpiry(expiry)!;
      changed.expiryMonth = parsed.month;
      changed.expiryYear = parsed.year;
    }
    if (nameOnCard !== null) changed.nameOnCard = nameOnCard;
    if (address !== null) changed.address = address;
  });
}
