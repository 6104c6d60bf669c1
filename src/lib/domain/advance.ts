import { lifecycle } from './lifecycle';
import { changeTotal } from './commands/setTotalLicenses';
import { assignedCount } from './subscription';
import type { Instant } from './time';
import type { Tenant } from './types';

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
