import type { Context } from '../context';
import { decide } from '../engine';
import { BILLING_ROLES, DIRECTORY_ROLES, type Role, type Tenant } from '../types';
import type { ActionState } from './licenses';

/**
 * ROLE-1, ROLE-3, ROLE-6: every role the tenant's billing account has (billing
 * roles only under MCA), who holds it, and whether `as` may grant or remove
 * it — the engine's own decision on granting it to themselves.
 */
export function roleHolders(tenant: Tenant, as: string, ctx: Context) {
  const roles: readonly Role[] =
    tenant.billingAccountType === 'MCA' ? [...DIRECTORY_ROLES, ...BILLING_ROLES] : DIRECTORY_ROLES;
  const people = Object.values(tenant.users)
    .filter((u) => u.deletedAt === null)
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  return roles.map((role) => {
    const decision = decide(
      tenant,
      { type: 'assignRole', payload: { user: as, role } },
      { ...ctx, author: as },
    );
    const manage: ActionState = decision.ok
      ? { allowed: true }
      : {
          allowed: false,
          reason: decision.refusal.code,
          message: decision.refusal.message,
          ...(decision.refusal.remedy ? { remedy: decision.refusal.remedy } : {}),
        };
    return {
      role,
      billing: (BILLING_ROLES as readonly Role[]).includes(role),
      holders: people
        .filter((u) => u.roles.includes(role))
        .map((u) => ({ id: u.id, displayName: u.displayName })),
      manage,
    };
  });
}
