import type { Lifecycle } from '$lib/domain/lifecycle';
import { CHANNELS, type Channel, type SubscriptionStatus } from '$lib/domain/types';

/** Your products' filter: everything, one status, or one purchase channel. */
export type SubscriptionFilter = 'all' | `status:${SubscriptionStatus}` | `channel:${Channel}`;

export const STATUSES: readonly SubscriptionStatus[] = [
  'Active',
  'Trial',
  'Expired',
  'Disabled',
  'Cancelled',
];
export { CHANNELS };

export function matchesFilter(
  subscription: { status: Lifecycle; channel: Channel },
  filter: SubscriptionFilter,
): boolean {
  if (filter === 'all') return true;
  const [kind, value] = filter.split(':');
  return kind === 'status' ? subscription.status === value : subscription.channel === value;
}
