import { isInTerm, lifecycle } from './lifecycle';
import { activeGlobalAdmins } from './permissions';
import { assignedCount } from './subscription';
import type { Instant } from './time';
import type { Tenant } from './types';

/**
 * What must hold in any tenant the engine produced, however its ops were
 * merged: each entry describes one broken rule. Empty means all is well.
 */
export function violations(tenant: Tenant, now: Instant): string[] {
  const found: string[] = [];
  for (const s of Object.values(tenant.subscriptions)) {
    if (s.total < 1) found.push(`LIC-1: ${s.id} has ${s.total} licenses`);
    const assigned = assignedCount(tenant, s.id);
    if (isInTerm(lifecycle(s, now)) && assigned > s.total) {
      found.push(`LIC-2/ASG-6: ${s.id} has ${assigned} assigned of ${s.total}`);
    }
    for (const userId of Object.keys(tenant.assignments[s.id] ?? {})) {
      const user = tenant.users[userId];
      if (!user || user.deletedAt !== null)
        found.push(`ASG-1: ${userId} holds ${s.id} but is not an active user`);
    }
  }
  if (Object.keys(tenant.users).length && activeGlobalAdmins(tenant).length === 0) {
    found.push('ROLE-6: no Global Administrator left');
  }
  return found;
}
