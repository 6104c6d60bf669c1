import type { Locale } from '$lib/paraglide/runtime';

/** Numbers, dates and money in the person's language (the domain keeps minor units and instants). */
const TAGS: Record<Locale, string> = { en: 'en-GB', sv: 'sv-SE', da: 'da-DK' };

export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(TAGS[locale]).format(value);
}

export function formatMoney(locale: Locale, minorUnits: number, currency: string): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'currency', currency }).format(
    minorUnits / 100,
  );
}

export function formatDate(locale: Locale, instant: number): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    instant,
  );
}

export function formatDateTime(locale: Locale, instant: number): string {
  return new Intl.DateTimeFormat(TAGS[locale], { dateStyle: 'medium', timeStyle: 'short' }).format(
    instant,
  );
}
