import { localeState } from '$lib/state/locale.svelte';
import { formatDate, formatMoney } from '$lib/ui/format';

/** A query's calendar date (YYYY-MM-DD) in the person's language. */
export const showDay = (date: string): string => formatDate(localeState.current, Date.parse(date));

export const showMoney = (minorUnits: number, currency: string): string =>
  formatMoney(localeState.current, minorUnits, currency);
