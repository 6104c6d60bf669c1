import { getLocale, locales, setLocale, type Locale } from '$lib/paraglide/runtime';

/** The names each language has for itself, as the Language menu shows them. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', sv: 'Svenska', da: 'Dansk' };

/**
 * The person's language. Paraglide remembers it (localStorage) and reads it on
 * every message; this class makes the change reactive without a reload.
 */
class LocaleState {
  current = $state<Locale>(getLocale());
  readonly all = locales;

  set(locale: Locale): void {
    void setLocale(locale, { reload: false });
    this.current = locale;
    document.documentElement.lang = locale;
  }
}

export const localeState = new LocaleState();
