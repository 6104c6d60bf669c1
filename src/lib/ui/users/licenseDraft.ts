import type { QueryValue } from '$lib/domain/queries';

export type LicenseChoice = QueryValue<'licenseChoices'>[number];
export type HeldLicense = QueryValue<'userLicenses'>[number];

/** What the Licenses and apps form holds: per subscription, on or off, and the apps turned off. */
export type LicenseDraft = Record<string, { on: boolean; disabledPlans: string[] }>;

export function draftFrom(held: HeldLicense[]): LicenseDraft {
  return Object.fromEntries(
    held.map((h) => [h.subscription, { on: true, disabledPlans: [...h.disabledPlans].sort() }]),
  );
}

/** The licenses the form offers: those the admin may assign, and those the user already has. */
export function offered(choices: LicenseChoice[], held: HeldLicense[]): LicenseChoice[] {
  const has = new Set(held.map((h) => h.subscription));
  return choices.filter((c) => c.assign.allowed || has.has(c.subscription));
}

/** `setUserLicenses`'s `licenses`: every license left on, with its apps turned off. */
export function wanted(draft: LicenseDraft): { subscription: string; disabledPlans: string[] }[] {
  return Object.entries(draft)
    .filter(([, entry]) => entry.on)
    .map(([subscription, entry]) => ({ subscription, disabledPlans: [...entry.disabledPlans] }))
    .sort((a, b) => a.subscription.localeCompare(b.subscription));
}

/** Held licenses the draft takes away (their data is kept 30 days, DATA-1). */
export function removed(draft: LicenseDraft, held: HeldLicense[]): HeldLicense[] {
  return held.filter((h) => !draft[h.subscription]?.on);
}

export function isChanged(draft: LicenseDraft, held: HeldLicense[]): boolean {
  const before = wanted(draftFrom(held));
  const after = wanted(draft);
  return JSON.stringify(before.map(sorted)) !== JSON.stringify(after.map(sorted));
}

function sorted(entry: { subscription: string; disabledPlans: string[] }) {
  return { ...entry, disabledPlans: [...entry.disabledPlans].sort() };
}

/** Turns one app of a license on or off. */
export function togglePlan(draft: LicenseDraft, subscription: string, plan: string, on: boolean) {
  const entry = (draft[subscription] ??= { on: false, disabledPlans: [] });
  entry.disabledPlans = on
    ? entry.disabledPlans.filter((p) => p !== plan)
    : [...new Set([...entry.disabledPlans, plan])].sort();
}
