import type { Command } from '$lib/domain/engine';
import type { Tenant } from '$lib/domain/types';
import type { Conflict } from '$lib/replica/conflict';

/** A conflict as the inbox shows it: newest first, with whether an admin dismissed it. */
export interface InboxItem {
  conflict: Conflict;
  dismissed: boolean;
}

/** Tenants stored before conflicts could be dismissed have no `dismissed` yet. */
const dismissedOf = (tenant: Tenant): Record<string, true> => tenant.dismissed ?? {};

export function inbox(
  conflicts: readonly Conflict[],
  tenant: Tenant,
  showDismissed: boolean,
): InboxItem[] {
  const dismissed = dismissedOf(tenant);
  return conflicts
    .map((conflict) => ({ conflict, dismissed: dismissed[conflict.op] === true }))
    .filter((item) => showDismissed || !item.dismissed)
    .reverse();
}

export function openConflictCount(conflicts: readonly Conflict[], tenant: Tenant): number {
  const dismissed = dismissedOf(tenant);
  return conflicts.filter((c) => dismissed[c.op] !== true).length;
}

export type Resolution =
  | { kind: 'retry'; command: Command }
  | { kind: 'buyOneMore'; subscription: string; total: number }
  | { kind: 'unassignFirst'; product: string };

/** Codes that mean a subscription had fewer licenses than the change needed. */
const COUNT_PROBLEMS = new Set(['COUNT_VIOLATION', 'BELOW_ASSIGNED']);

function subscriptionOf(conflict: Conflict): string | null {
  const fromParams = conflict.params?.['subscription'];
  if (typeof fromParams === 'string') return fromParams;
  const payload = conflict.payload as { subscription?: unknown } | null;
  return typeof payload?.subscription === 'string' ? payload.subscription : null;
}

/**
 * The same command, to run again now. A total change names the total it was
 * made against (`basedOn`); that one is stale, so the replica stamps the
 * current one instead.
 */
export function retryCommand(conflict: Conflict): Command {
  const payload = conflict.payload;
  if (conflict.do !== 'setTotalLicenses' || typeof payload !== 'object' || payload === null) {
    return { type: conflict.do, payload };
  }
  const fresh = { ...(payload as Record<string, unknown>) };
  delete fresh['basedOn'];
  return { type: conflict.do, payload: fresh };
}

/**
 * One-click ways out of a conflict, besides dismissing it (SYNC-3). Whether a
 * way works is the engine's answer when it runs; this only offers what fits.
 */
export function resolutionsOf(conflict: Conflict, tenant: Tenant): Resolution[] {
  const resolutions: Resolution[] = [];
  // A forged op must not be made real by signing it again; the tenant is created once.
  if (conflict.code !== 'INVALID_SIGNATURE' && conflict.do !== 'createTenant') {
    resolutions.push({ kind: 'retry', command: retryCommand(conflict) });
  }
  const id = subscriptionOf(conflict);
  const subscription = id === null ? undefined : tenant.subscriptions[id];
  if (subscription && COUNT_PROBLEMS.has(conflict.code)) {
    if (conflict.code === 'COUNT_VIOLATION') {
      resolutions.push({
        kind: 'buyOneMore',
        subscription: subscription.id,
        total: subscription.total + 1,
      });
    }
    resolutions.push({ kind: 'unassignFirst', product: subscription.product });
  }
  return resolutions;
}
