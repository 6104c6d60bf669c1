import type { Tenant } from '$lib/domain/types';

/** One line of Active users. */
export interface UserRow {
  id: string;
  displayName: string;
  department: string | null;
  usageLocation: string | null;
  /** Display names of the products the user holds a license for, sorted. */
  products: string[];
}

/**
 * Active users sorted by display name, with a lowercase search key per row.
 * Built once per tenant version, so a keystroke only scans the keys (no
 * sorting, no lowercasing of 10,000 names).
 */
export interface UserIndex {
  rows: UserRow[];
  keys: string[];
}

export function buildUserIndex(
  tenant: Tenant,
  productName: (product: string) => string,
  locale: string,
): UserIndex {
  const products = new Map<string, string[]>();
  for (const [subscriptionId, assignments] of Object.entries(tenant.assignments)) {
    const subscription = tenant.subscriptions[subscriptionId];
    if (!subscription) continue;
    const name = productName(subscription.product);
    for (const userId of Object.keys(assignments)) {
      const held = products.get(userId);
      if (held) held.push(name);
      else products.set(userId, [name]);
    }
  }
  const collator = new Intl.Collator(locale);
  const rows = Object.values(tenant.users)
    .filter((user) => user.deletedAt === null)
    .map((user) => ({
      id: user.id,
      displayName: user.displayName,
      department: user.department,
      usageLocation: user.usageLocation,
      products: (products.get(user.id) ?? []).sort(collator.compare),
    }))
    .sort((a, b) => collator.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1));
  const keys = rows.map((row) => `${row.displayName}\n${row.id}`.toLocaleLowerCase(locale));
  return { rows, keys };
}

/** Rows whose display name or user name contains `search`, limited to `only` when given. */
export function filterUsers(
  index: UserIndex,
  search: string,
  only: ReadonlySet<string> | null = null,
): UserRow[] {
  const needle = search.trim().toLocaleLowerCase();
  if (!needle && !only) return index.rows;
  const found: UserRow[] = [];
  for (let i = 0; i < index.rows.length; i++) {
    const row = index.rows[i];
    if (only && !only.has(row.id)) continue;
    if (needle && !index.keys[i].includes(needle)) continue;
    found.push(row);
  }
  return found;
}

/** Remembers the index of the latest tenant version, so it is built once per version. */
export function userIndexCache(build: typeof buildUserIndex = buildUserIndex) {
  let last: { version: number; locale: string; index: UserIndex } | null = null;
  return (
    tenant: Tenant,
    version: number,
    productName: (product: string) => string,
    locale: string,
  ): UserIndex => {
    if (last?.version !== version || last.locale !== locale) {
      last = { version, locale, index: build(tenant, productName, locale) };
    }
    return last.index;
  };
}
