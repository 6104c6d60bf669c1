import { billingPeriod } from '../lifecycle';
import { DAY, toDate, wholeDaysBetween } from '../time';
import type { LicenseChange, Subscription } from '../types';

export interface InvoiceLine {
  description: string;
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
      amount: -change.from * price,
    },
    {
      description: `${change.from} licenses, ${from} to ${on} (${elapsed} of ${days} days)`,
      amount: roundedQuotient(change.from * price * elapsed, days),
    },
    {
      description: `${change.to} licenses, ${on} to ${to} (${days - elapsed} of ${days} days)`,
      amount: roundedQuotient(change.to * price * (days - elapsed), days),
    },
  ];
}
