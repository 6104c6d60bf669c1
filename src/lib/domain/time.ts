/** Instants are epoch milliseconds in UTC; the engine never reads a clock itself. */
export type Instant = number;

export const DAY = 24 * 60 * 60 * 1000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses an ISO 8601 instant with an explicit zone, or a `YYYY-MM-DD` date (midnight UTC). */
export function parseInstant(text: string): Instant | null {
  if (!ISO_INSTANT.test(text) && !ISO_DATE.test(text)) return null;
  // Date.parse rolls 30 February over into March; a date must exist as written.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > lastDay) return null;
  const ms = Date.parse(ISO_DATE.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? null : ms;
}

export function toIsoInstant(t: Instant): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/** The UTC calendar date, `YYYY-MM-DD`, as queries return dates. */
export function toDate(t: Instant): string {
  return new Date(t).toISOString().slice(0, 10);
}

export function daysAfter(t: Instant, days: number): Instant {
  return t + days * DAY;
}

/** Whole days from `from` to `to` (floored). */
export function wholeDaysBetween(from: Instant, to: Instant): number {
  return Math.floor((to - from) / DAY);
}

/**
 * `t` plus `months` calendar months, keeping the day of month and clamping it
 * to the target month's length (bought on the 31st renews on the 30th in April).
 */
export function addMonths(t: Instant, months: number): Instant {
  const d = new Date(t);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

function monthsBetween(from: Instant, to: Instant): number {
  const a = new Date(from);
  const b = new Date(to);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
}

export interface Period {
  index: number;
  start: Instant;
  end: Instant;
}

/**
 * The period of a series anchored at `anchor` (every `stepMonths` months) that
 * contains `t`. Boundaries are always computed from the anchor so clamped
 * month ends never drift.
 */
export function periodContaining(anchor: Instant, stepMonths: number, t: Instant): Period {
  let index = Math.max(0, Math.floor(monthsBetween(anchor, t) / stepMonths));
  while (index > 0 && addMonths(anchor, index * stepMonths) > t) index--;
  while (addMonths(anchor, (index + 1) * stepMonths) <= t) index++;
  return {
    index,
    start: addMonths(anchor, index * stepMonths),
    end: addMonths(anchor, (index + 1) * stepMonths),
  };
}
