import type { Context } from '../context';
import { userNotFound } from '../commands/assignments';
import { licensesOf, retentionEnds } from '../assignment';
import { lifecycle } from '../lifecycle';
import { Refused } from '../refusal';
import { toDate } from '../time';
import type { Tenant, User } from '../types';

/** ASG-9: shared, room and resource mailboxes need a license only over 50 GB. */
export const MAILBOX_QUOTA_GB = 50;

export function findUser(tenant: Tenant, id: string): User {
  const user = tenant.users[id];
  if (!user) throw new Refused(userNotFound(id));
  return user;
}

export function needsLicense(user: User): boolean {
  return user.kind === 'person' || user.mailboxSizeGB > MAILBOX_QUOTA_GB;
}

/** ASG-8: active users without any license (mailboxes only when over their quota). */
export function unlicensedUsers(tenant: Tenant): string[] {
  return Object.values(tenant.users)
    .filter((u) => u.deletedAt === null && needsLicense(u) && licensesOf(tenant, u.id).length === 0)
    .map((u) => u.id)
    .sort();
}

export function userLicenses(tenant: Tenant, id: string) {
  const user = findUser(tenant, id);
  if (user.deletedAt !== null) return [];
  return licensesOf(tenant, id).map((subscriptionId) => ({
    subscription: subscriptionId,
    product: tenant.subscriptions[subscriptionId]?.product ?? '',
    disabledPlans: [...(tenant.assignments[subscriptionId]?.[id]?.disabledPlans ?? [])],
  }));
}

export function userSummary(tenant: Tenant, id: string) {
  const user = findUser(tenant, id);
  return {
    id: user.id,
    displayName: user.displayName,
    status: user.deletedAt === null ? 'active' : 'deleted',
    roles: [...user.roles].sort(),
    usageLocation: user.usageLocation,
    kind: user.kind,
    department: user.department,
    ...(user.deletedAt !== null ? { deletedOn: toDate(user.deletedAt) } : {}),
  };
}

/** Products whose removed mailbox can be kept as an inactive mailbox (DATA-2). */
function isEnterprise(product: string, displayName: string): boolean {
  return /ENTERPRISE|^SPE_E/.test(product) || /\bE[35]\b|Enterprise/.test(displayName);
}

/** DATA-1/2: data kept after licenses were removed, and when it goes for good. */
export function retainedData(tenant: Tenant, id: string, ctx: Context) {
  findUser(tenant, id);
  return (tenant.retainedData[id] ?? [])
    .filter((entry) => ctx.now <= retentionEnds(entry.removedAt))
    .map((entry) => ({
      product: entry.product,
      subscription: entry.subscription,
      deleteOn: toDate(retentionEnds(entry.removedAt)),
      eDiscoverySearchable: false,
      inactiveMailbox: isEnterprise(
        entry.product,
        ctx.catalogue.product(entry.product)?.displayName ?? '',
      ),
    }))
    .sort((a, b) => a.product.localeCompare(b.product));
}

/** ASG-7: what a user's enabled service plans provision. */
export function userServices(tenant: Tenant, id: string, ctx: Context) {
  // LIC-6: users keep access while a subscription is Expired, not once it is Disabled.
  const withAccess = userLicenses(tenant, id).filter((license) => {
    const subscription = tenant.subscriptions[license.subscription];
    const status = subscription ? lifecycle(subscription, ctx.now) : 'Gone';
    return status === 'Active' || status === 'Trial' || status === 'Expired';
  });
  const enabled = withAccess.flatMap((license) => {
    const plans = ctx.catalogue.product(license.product)?.servicePlans ?? [];
    return plans.map((plan) => plan.name).filter((name) => !license.disabledPlans.includes(name));
  });
  const on = (test: (name: string) => boolean) => enabled.some(test);
  return {
    mailbox: on((name) => name.startsWith('EXCHANGE_S_') && !name.includes('FOUNDATION')),
    sharePoint: on((name) => name.startsWith('SHAREPOINT') && !name.startsWith('SHAREPOINTWAC')),
    officeApps: on((name) => name === 'OFFICESUBSCRIPTION' || name === 'OFFICE_BUSINESS') ? 5 : 0,
  };
}
