import { isInTerm, lifecycle } from './lifecycle';
import { activeGlobalAdmins } from './permissions';
import { assignedCount } from './subscription';
import type { Instant } from './time';
import type { Tenant } from './types';

/** A subscription in its term with more licenses assigned than it has (LIC-2, ASG-6). */
export interface OverAssigned {
  subscription: string;
  product: string;
  assigned: number;
  total: number;
}

/**
 * LIC-2/ASG-6 broken. The engine never gets there, but an import takes a real tenant's counts
 * as they are, and Graph can report more units consumed than enabled.
 */
export function overAssigned(tenant: Tenant, now: Instant): OverAssigned[] {
  return Object.values(tenant.subscriptions)
    .flatMap((s) => {
      const assigned = assignedCount(tenant, s.id);
      if (!isInTerm(lifecycle(s, now)) || assigned <= s.total) return [];
      return [{ subscription: s.id, product: s.product, assigned, total: s.total }];
    })
    .sort((a, b) => a.subscription.localeCompare(b.subscription));
}

/** Every broken rule but over-assignment (overAssigned), each naming its rule. */
export function otherViolations(tenant: Tenant): string[] {
  const found: string[] = [];
  for (const s of Object.values(tenant.subscriptions)) {
    if (s.total < 1) found.push(`LIC-1: ${s.id} has ${s.total} licenses`);
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

/**
 * What must hold in any tenant the engine produced, however its ops were
 * merged: each entry describes one broken rule. Empty means all is well.
 */
export function violations(tenant: Tenant, now: Instant): string[] {
  return [
    ...overAssigned(tenant, now).map(
      (o) => `LIC-2/ASG-6: ${o.subscription} has ${o.assigned} assigned of ${o.total}`,
    ),
    ...otherViolations(tenant),
  ];
}
