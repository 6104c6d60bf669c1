import type { Context } from '../context';
import { userNotFound } from '../commands/assignments';
import { accessRefusal, ASSIGN_REMEDY, notAuthorized } from '../commands/authorization';
import { RESTORE_DAYS } from '../commands/users';
import { licensesOf, retentionEnds } from '../assignment';
import { lifecycle } from '../lifecycle';
import { activeUser } from '../permissions';
import { Refused, type Refusal } from '../refusal';
import { notInTerm } from '../subscription';
import { DAY, toDate } from '../time';
import type { Tenant, User } from '../types';
import { licenseCounts, type ActionState } from './licenses';

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

/**
 * Exchange Online service plans that give the user a mailbox (ASG-7): Plan 1,
 * Plan 2, Kiosk, Essentials, POP, and their government and mid-market forms.
 * EXCHANGE_S_FOUNDATION (in EMS, Power BI, Visio and most add-ons), the
 * archiving add-on, MyAnalytics and the like come with no mailbox of their own.
 */
export function isMailboxPlan(name: string): boolean {
  return /^EXCHANGE_[SLB]_(ENTERPRISE|STANDARD|DESKLESS|ESSENTIALS)(_|$)/.test(name);
}

/** Whether a product's license gives a mailbox, so its removal concerns one (DATA-2). */
export function providesMailbox(ctx: Context, product: string): boolean {
  return (ctx.catalogue.product(product)?.servicePlans ?? []).some((plan) =>
    isMailboxPlan(plan.name),
  );
}

/** Products whose removed mailbox can be kept as an inactive mailbox (DATA-2). */
function isEnterprise(product: string, displayName: string): boolean {
  return /ENTERPRISE|^SPE_E/.test(product) || /\bE[35]\b|Enterprise/.test(displayName);
}

/**
 * DATA-1/2: data kept after licenses were removed, and when it goes for good.
 * `mailbox`: the product gave a mailbox (an Exchange Online plan), so DATA-2
 * speaks of it: it can't be searched with eDiscovery, and Enterprise products
 * can keep it as an inactive mailbox. Without one (EMS, Power BI, Visio) there
 * is no mailbox to speak of, and `inactiveMailbox` is false.
 */
export function retainedData(tenant: Tenant, id: string, ctx: Context) {
  findUser(tenant, id);
  return (tenant.retainedData[id] ?? [])
    .filter((entry) => ctx.now <= retentionEnds(entry.removedAt))
    .map((entry) => {
      const mailbox = providesMailbox(ctx, entry.product);
      return {
        product: entry.product,
        subscription: entry.subscription,
        deleteOn: toDate(retentionEnds(entry.removedAt)),
        mailbox,
        eDiscoverySearchable: false,
        inactiveMailbox:
          mailbox &&
          isEnterprise(entry.product, ctx.catalogue.product(entry.product)?.displayName ?? ''),
      };
    })
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
    mailbox: on(isMailboxPlan),
    sharePoint: on((name) => name.startsWith('SHAREPOINT') && !name.startsWith('SHAREPOINTWAC')),
    officeApps: on((name) => name === 'OFFICESUBSCRIPTION' || name === 'OFFICE_BUSINESS') ? 5 : 0,
  };
}

/** DATA-3: users deleted within the last 30 days, who can still be restored. */
export function deletedUsers(tenant: Tenant, ctx: Context) {
  return Object.values(tenant.users)
    .filter((u) => u.deletedAt !== null && ctx.now <= u.deletedAt + RESTORE_DAYS * DAY)
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id))
    .map((u) => ({
      id: u.id,
      displayName: u.displayName,
      deletedOn: toDate(u.deletedAt!),
      restorableUntil: toDate(u.deletedAt! + RESTORE_DAYS * DAY),
    }));
}

function denial(refusal: Refusal | null): ActionState {
  if (!refusal) return { allowed: true };
  const { code, message, remedy } = refusal;
  return { allowed: false, reason: code, message, ...(remedy ? { remedy } : {}) };
}

/**
 * ASG-2/3/6: every subscription's licenses as a person could hand them out:
 * availability (LIC-3), the product's apps, and whether the engine would let
 * them assign it, with its reason when not (roles, SELF-3, LIC-6).
 */
export function licenseChoices(tenant: Tenant, as: string, ctx: Context) {
  const actor = activeUser(tenant, as);
  return Object.values(tenant.subscriptions)
    .filter((s) => lifecycle(s, ctx.now) !== 'Gone')
    .map((s) => {
      const product = ctx.catalogue.product(s.product);
      const status = lifecycle(s, ctx.now);
      const refusal = actor
        ? (accessRefusal(tenant, actor, s, 'assign') ?? notInTerm(s, status))
        : notAuthorized('assign or unassign licenses', ASSIGN_REMEDY);
      return {
        subscription: s.id,
        product: s.product,
        productName: product?.displayName ?? s.product,
        status,
        ...licenseCounts(tenant, [s], ctx),
        servicePlans: (product?.servicePlans ?? []).map((plan) => ({
          name: plan.name,
          friendlyName: plan.friendlyName,
        })),
        assign: denial(refusal),
      };
    })
    .sort(
      (a, b) =>
        a.productName.localeCompare(b.productName) || a.subscription.localeCompare(b.subscription),
    );
}
