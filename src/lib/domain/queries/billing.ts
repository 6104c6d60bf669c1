import { invoicePreview, invoicesBetween } from '../billing/invoices';
import type { Context } from '../context';
import { Refused, refuse } from '../refusal';
import { addMonths, parseInstant } from '../time';
import type { Tenant } from '../types';
import { oneOf, optionalText, type Payload } from '../payload';
import { getSubscription } from './subscriptions';

export function previewInvoice(tenant: Tenant, id: string, ctx: Context) {
  return invoicePreview(getSubscription(tenant, id, ctx), ctx.now);
}

/** BILL-4: the past 3 months by default, the past 6 months, or a date range. */
export function invoices(tenant: Tenant, args: Payload, ctx: Context) {
  const from = optionalText(args, 'from');
  const to = optionalText(args, 'to');
  if (from !== null || to !== null) {
    const start = from === null ? null : parseInstant(from);
    const end = to === null ? null : parseInstant(to);
    if (start === null || end === null || start > end) {
      throw new Refused(
        refuse(
          'INVALID_INPUT',
          'Enter a date range with a start before its end.',
          'Use YYYY-MM-DD dates.',
        ),
      );
    }
    return invoicesBetween(tenant, start, end, ctx.now);
  }
  const range =
    args['range'] === undefined
      ? 'past3months'
      : oneOf(args, 'range', ['past3months', 'past6months'] as const);
  return invoicesBetween(
    tenant,
    addMonths(ctx.now, range === 'past3months' ? -3 : -6),
    ctx.now,
    ctx.now,
  );
}

/** BILL-3: cards as listed; the security code was never kept. */
export function paymentMethods(tenant: Tenant) {
  return Object.values(tenant.paymentMethods)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((m) => ({
      id: m.id,
      last4: m.last4,
      expiry: `${String(m.expiryMonth).padStart(2, '0')}/${m.expiryYear}`,
      nameOnCard: m.nameOnCard,
      address: m.address,
      billingProfile: m.billingProfile,
      subscription: m.subscription,
    }));
}
