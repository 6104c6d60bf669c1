import type { Catalogue } from './catalogue/catalogue';
import type { BillingFrequency, Subscription } from './types';

/** The default unit price: the list price per month, for a month or a year. */
export function listUnitPrice(
  catalogue: Catalogue,
  product: string,
  billingFrequency: BillingFrequency,
): number {
  const monthly = catalogue.product(product)?.listPrice ?? 0;
  return billingFrequency === 'annual' ? monthly * 12 : monthly;
}

/** What a purchase decides; everything else starts at its default. */
export type NewSubscription = Pick<
  Subscription,
  | 'id'
  | 'product'
  | 'total'
  | 'billingFrequency'
  | 'purchasedAt'
  | 'channel'
  | 'trial'
  | 'purchaser'
  | 'unitPrice'
  | 'currency'
>;

export function newSubscription(s: NewSubscription): Subscription {
  return {
    ...s,
    recurringBilling: true,
    endsAt: null,
    cancelledAt: null,
    cancellation: null,
    creditCheck: 'done',
    endOfSale: null,
    paymentMethod: null,
    purchases: [],
    scheduledChange: null,
    initialTotal: s.total,
    changes: [],
    totalVersion: 0,
    lastLicenseEvent: 'bought',
  };
}
