import { billingPeriod } from '../lifecycle';
import { DAY, toDate, wholeDaysBetween } from '../time';
import type { LicenseChange, Subscription } from '../types';

/** What a line is for, as data, so the interface can word it in the person's language. */
export type InvoiceLineDetail =
  | { kind: 'charge'; count: number; from: string; to: string }
  | { kind: 'credit'; count: number; from: string; to: string }
  | { kind: 'prorated'; count: number; from: string; to: string; days: number; ofDays: number };

export interface InvoiceLine {
  description: string;
  detail: InvoiceLineDetail;
  /** Minor units of the subscription's currency. */
  amount: number;
}

/** `numerator / denominator` rounded to a whole minor unit, half away from zero. */
export function roundedQuotient(numerator: number, denominator: number): number {
  const magnitude = Math.floor((2 * Math.abs(numerator) + denominator) / (2 * denominator));
  return numerator < 0 ? -magnitude : magnitude;
}

/**
 * BILL-2, as SCENARIOS.md defines it: credit the original charge, charge the
 * original count for the elapsed whole days and the new count for the rest.
 */
export function prorationLines(subscription: Subscription, change: LicenseChange): InvoiceLine[] {
  const period = billingPeriod(subscription, change.at);
  const days = Math.round((period.end - period.start) / DAY);
  const elapsed = wholeDaysBetween(period.start, change.at);
  const price = change.unitPrice;
  const from = toDate(period.start);
  const to = toDate(period.end);
  const on = toDate(change.at);
  return [
    {
      description: `Credit for ${change.from} licenses, ${from} to ${to}`,
      detail: { kind: 'credit', count: change.from, from, to },
      amount: -change.from * price,
    },
    {
      description: `${change.from} licenses, ${from} to ${on} (${elapsed} of ${days} days)`,
      detail: { kind: 'prorated', count: change.from, from, to: on, days: elapsed, ofDays: days },
      amount: roundedQuotient(change.from * price * elapsed, days),
    },
    {
      description: `${change.to} licenses, ${on} to ${to} (${days - elapsed} of ${days} days)`,
      detail: {
        kind: 'prorated',
        count: change.to,
        from: on,
        to,
        days: days - elapsed,
        ofDays: days,
      },
      amount: roundedQuotient(change.to * price * (days - elapsed), days),
    },
  ];
}
