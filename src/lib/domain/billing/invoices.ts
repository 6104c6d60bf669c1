import { billingPeriod, invoicePeriod, termMonths } from '../lifecycle';
import { addMonths, toDate, type Instant } from '../time';
import type { Subscription, Tenant } from '../types';
import { prorationLines, type InvoiceLine } from './proration';

export interface Invoice {
  id: string;
  subscription: string;
  product: string;
  date: string;
  currency: string;
  lines: InvoiceLine[];
  total: number;
}

const sum = (lines: InvoiceLine[]) => lines.reduce((total, line) => total + line.amount, 0);

/** Key redemptions are prepaid; trials cost nothing. */
function billedChanges(subscription: Subscription, from: Instant, to: Instant) {
  return subscription.changes.filter((c) => c.kind !== 'key' && c.at >= from && c.at < to);
}

function totalBefore(subscription: Subscription, t: Instant): number {
  let total = subscription.initialTotal;
  for (const change of subscription.changes) if (change.at < t) total = change.to;
  return total;
}

/** BILL-1/2: the license changes the next invoice will carry (no regular charge). */
export function invoicePreview(subscription: Subscription, now: Instant) {
  if (subscription.trial) return { lines: [], total: 0 };
  const start = invoicePeriod(subscription, now).start;
  const lines = billedChanges(subscription, start, now + 1).flatMap((change) =>
    prorationLines(subscription, change),
  );
  return { lines, total: sum(lines) };
}

/** The last moment the subscription was billed: cancellation or end of term. */
function billedUntil(subscription: Subscription, now: Instant): Instant {
  return Math.min(now, subscription.cancelledAt ?? Infinity, subscription.endsAt ?? Infinity);
}

/**
 * Invoices are issued monthly on the purchase day of month (BILL-1), each with
 * the term's charge when a term starts and the changes since the last invoice.
 */
export function invoicesOf(subscription: Subscription, now: Instant): Invoice[] {
  if (subscription.trial) return [];
  const invoices: Invoice[] = [];
  const until = billedUntil(subscription, now);
  const step = termMonths(subscription);
  for (let k = 0; ; k++) {
    const date = addMonths(subscription.purchasedAt, k);
    if (date > until) break;
    const lines: InvoiceLine[] = [];
    if (k % step === 0 && subscription.channel !== 'Prepaid') {
      const count = totalBefore(subscription, date + 1);
      const period = billingPeriod(subscription, date);
      const [from, to] = [toDate(period.start), toDate(period.end)];
      lines.push({
        description: `${count} licenses, ${from} to ${to}`,
        detail: { kind: 'charge', count, from, to },
        amount: count * subscription.unitPrice,
      });
    }
    if (k > 0) {
      const previous = addMonths(subscription.purchasedAt, k - 1);
      for (const change of billedChanges(subscription, previous, date)) {
        lines.push(...prorationLines(subscription, change));
      }
    }
    if (!lines.length) continue;
    invoices.push({
      id: `${subscription.id}-${toDate(date)}`,
      subscription: subscription.id,
      product: subscription.product,
      date: toDate(date),
      currency: subscription.currency,
      lines,
      total: sum(lines),
    });
  }
  return invoices;
}

/** BILL-4: invoices dated within [from, to], by date then subscription. */
export function invoicesBetween(
  tenant: Tenant,
  from: Instant,
  to: Instant,
  now: Instant,
): Invoice[] {
  const first = toDate(from);
  const last = toDate(to);
  return Object.values(tenant.subscriptions)
    .flatMap((s) => invoicesOf(s, now))
    .filter((invoice) => invoice.date >= first && invoice.date <= last)
    .sort((a, b) => a.date.localeCompare(b.date) || a.subscription.localeCompare(b.subscription));
}
