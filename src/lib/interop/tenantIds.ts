import type { Product } from '../domain/catalogue/catalogue';

/**
 * Seats keys people by their user principal name, lower-cased: Entra ID compares UPNs without
 * case, both formats carry it, and the change plan needs it to address the user in Graph.
 */
export function userIdOf(userPrincipalName: string): string {
  return userPrincipalName.trim().toLowerCase();
}

const STATE_SUFFIX = { Active: '', Expired: '-expired', Disabled: '-disabled' } as const;

/**
 * One subscription per product and state, named after the product, so the Graph and the CSV
 * import of the same tenant name subscriptions alike and a re-import is recognisable.
 */
export function subscriptionIdOf(
  product: Product,
  state: keyof typeof STATE_SUFFIX = 'Active',
): string {
  return product.stringId.toLowerCase() + STATE_SUFFIX[state];
}

const USAGE_LOCATION = /^[A-Z]{2}$/;

/** An ISO 3166 two-letter code, or null when the input has none or something else. */
export function usageLocationOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toUpperCase();
  return USAGE_LOCATION.test(code) ? code : null;
}
