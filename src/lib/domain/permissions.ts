import {
  BILLING_ROLES,
  DIRECTORY_ROLES,
  type Role,
  type Subscription,
  type Tenant,
  type User,
} from './types';

/** ROLE-1: directory roles; under MCA the billing roles also make an admin. */
export function isAdmin(user: User): boolean {
  return user.roles.some(
    (role) =>
      (DIRECTORY_ROLES as readonly Role[]).includes(role) ||
      (BILLING_ROLES as readonly Role[]).includes(role),
  );
}

function holdsAny(user: User, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

/** The acting person, if they are an active member of the tenant. */
export function activeUser(tenant: Tenant, id: string | null): User | null {
  if (id === null) return null;
  const user = tenant.users[id];
  return user && user.deletedAt === null ? user : null;
}

/** ROLE-2 (MOSA) and ROLE-3 (MCA): buying or removing licenses. */
export function mayBuy(tenant: Tenant, user: User): boolean {
  return tenant.billingAccountType === 'MCA'
    ? holdsAny(user, BILLING_ROLES)
    : holdsAny(user, ['GlobalAdministrator', 'BillingAdministrator']);
}

/** ROLE-2: assigning and unassigning licenses. */
export function mayAssign(user: User): boolean {
  return holdsAny(user, ['GlobalAdministrator', 'UserAdministrator', 'LicenseAdministrator']);
}

/** ROLE-2: adding, deleting and restoring users. */
export function mayManageUsers(user: User): boolean {
  return holdsAny(user, ['GlobalAdministrator', 'UserAdministrator']);
}

/** ROLE-6 for directory roles; billing roles also by the billing account owner. */
export function mayGrant(user: User, role: Role): boolean {
  if ((BILLING_ROLES as readonly Role[]).includes(role)) {
    return holdsAny(user, ['GlobalAdministrator', 'BillingAccountOwner']);
  }
  return holdsAny(user, ['GlobalAdministrator']);
}

export type Access = 'full' | 'readOnly' | 'none';

/**
 * What a person may do to a subscription's licenses: self-service
 * subscriptions belong to their purchaser (SELF-2, ASG-10) and are read-only
 * to admins (SELF-3); others follow the role tables.
 */
export function subscriptionAccess(
  tenant: Tenant,
  user: User,
  subscription: Subscription,
  need: 'buy' | 'assign',
): Access {
  if (subscription.channel === 'SelfService') {
    if (subscription.purchaser === user.id) return 'full';
    return isAdmin(user) ? 'readOnly' : 'none';
  }
  const allowed = need === 'buy' ? mayBuy(tenant, user) : mayAssign(user);
  return allowed ? 'full' : 'none';
}

export function activeGlobalAdmins(tenant: Tenant): User[] {
  return Object.values(tenant.users).filter(
    (u) => u.deletedAt === null && u.roles.includes('GlobalAdministrator'),
  );
}
