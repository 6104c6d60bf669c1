import { lifecycle } from './lifecycle';
import { changeTotal } from './commands/setTotalLicenses';
import { assignedCount } from './subscription';
import type { Instant } from './time';
import type { Tenant } from './types';

/** Whether a scheduled change is due by `now`, so that `advance` has work to do. */
export function isDue(tenant: Tenant, now: Instant): boolean {
  for (const id in tenant.subscriptions) {
    const scheduled = tenant.subscriptions[id].scheduledChange;
    if (scheduled && scheduled.at <= now) return true;
  }
  return false;
}

/**
 * Brings the tenant to `now`: scheduled changes take effect at their renewal
 * (MCA-4/5). Everything else that time changes (statuses, retention, restore
 * windows) is derived from the clock when asked.
 */
export function advance(tenant: Tenant, now: Instant): void {
  for (const subscription of Object.values(tenant.subscriptions)) {
    const scheduled = subscription.scheduledChange;
    if (!scheduled || scheduled.at > now) continue;
    subscription.scheduledChange = null;
    const status = lifecycle(subscription, scheduled.at);
    if (status !== 'Active') continue;
    // LIC-2 still holds at renewal: the total never drops below what is assigned.
    const total = Math.max(scheduled.total, assignedCount(tenant, subscription.id));
    if (total !== subscription.total) changeTotal(subscription, total, scheduled.at, 'renewal');
  }
}
