import type { Catalogue } from './catalogue/catalogue';
import { billingPeriod } from './lifecycle';
import { grant } from './assignment';
import { inPlace } from './context';
import { listUnitPrice, newSubscription } from './newSubscription';
import { normaliseProductKey } from './productKey';
import { addSubscription } from './subscription';
import { addMonths, DAY, type Instant } from './time';
import {
  emptyTenant,
  type BillingAccountType,
  type BillingFrequency,
  type Channel,
  type Role,
  type SubscriptionStatus,
  type Tenant,
  type UnknownProduct,
  type UserKind,
} from './types';

/** A starting tenant, put in place without permission checks (SCENARIOS.md `given`). */
export interface Given {
  name?: string;
  billingAccountType: BillingAccountType;
  start: Instant;
  users?: GivenUser[];
  subscriptions?: GivenSubscription[];
  assignments?: GivenAssignment[];
  productKeys?: GivenProductKey[];
}

export interface GivenUser {
  id: string;
  displayName?: string;
  usageLocation?: string | null;
  roles?: Role[];
  kind?: UserKind;
  mailboxSizeGB?: number;
  department?: string | null;
  deletedAt?: Instant;
}

export interface GivenSubscription {
  id: string;
  product?: string;
  total?: number;
  billingFrequency?: BillingFrequency;
  purchasedAt?: Instant;
  channel?: Channel;
  status?: SubscriptionStatus;
  recurringBilling?: boolean;
  creditCheck?: 'pending' | 'done';
  purchaser?: string | null;
  unitPrice?: number;
  currency?: string;
  endOfSale?: boolean;
}

export interface GivenAssignment {
  user: string;
  subscription: string;
  disabledPlans?: string[];
}

export interface GivenProductKey {
  key: string;
  product: string;
  licenses: number;
  extendsMonths?: number;
}

export class SeedError extends Error {}

export const DEFAULT_PRODUCT = 'ENTERPRISEPACK';
export const DEFAULT_TOTAL = 25;

function product(catalogue: Catalogue, id: string, where: string): string {
  if (!catalogue.product(id)) throw new SeedError(`${where}: unknown product "${id}"`);
  return id;
}

/** What an import brings into an existing tenant: people, subscriptions, assignments, keys. */
export type Imported = Pick<Given, 'users' | 'subscriptions' | 'assignments' | 'productKeys'> & {
  unknownProducts?: UnknownProduct[];
};

/** Builds the tenant a scenario starts from. */
export function seedTenant(given: Given, catalogue: Catalogue): Tenant {
  const tenant = emptyTenant(given.billingAccountType);
  tenant.name = given.name ?? null;
  addImported(tenant, given, given.start, catalogue);
  return tenant;
}

/**
 * Puts people, subscriptions, assignments and keys in place as they are, without
 * permission or count checks (an import takes a real tenant as it stands).
 * Throws SeedError on ids that collide or refer to nothing; the tenant may then
 * be half-changed, so callers try it on a copy first.
 */
export function addImported(
  tenant: Tenant,
  given: Imported,
  start: Instant,
  catalogue: Catalogue,
): void {
  for (const u of given.users ?? []) {
    if (tenant.users[u.id]) throw new SeedError(`users: "${u.id}" appears twice`);
    tenant.users[u.id] = {
      id: u.id,
      displayName: u.displayName ?? u.id,
      usageLocation: u.usageLocation ?? null,
      kind: u.kind ?? 'person',
      mailboxSizeGB: u.mailboxSizeGB ?? 0,
      department: u.department ?? null,
      roles: [...new Set(u.roles ?? [])].sort(),
      deletedAt: u.deletedAt ?? null,
    };
  }

  for (const g of given.subscriptions ?? []) {
    const where = `subscriptions.${g.id}`;
    if (tenant.subscriptions[g.id]) throw new SeedError(`subscriptions: "${g.id}" appears twice`);
    const productId = product(catalogue, g.product ?? DEFAULT_PRODUCT, where);
    const billingFrequency = g.billingFrequency ?? 'monthly';
    const channel = g.channel ?? 'Direct';
    const purchaser = g.purchaser ?? null;
    if (channel === 'SelfService' && (purchaser === null || !tenant.users[purchaser])) {
      throw new SeedError(`${where}: a SelfService subscription needs the purchaser's user id`);
    }
    const s = newSubscription({
      id: g.id,
      product: productId,
      total: g.total ?? DEFAULT_TOTAL,
      billingFrequency,
      purchasedAt: g.purchasedAt ?? addMonths(start, billingFrequency === 'annual' ? -12 : -1),
      channel,
      trial: g.status === 'Trial',
      purchaser,
      unitPrice: g.unitPrice ?? listUnitPrice(catalogue, productId, billingFrequency),
      currency: g.currency ?? 'USD',
    });
    s.recurringBilling = g.recurringBilling ?? (channel !== 'Prepaid' && g.status !== 'Trial');
    s.creditCheck = g.creditCheck ?? 'done';
    s.endOfSale = g.endOfSale ?? null;
    s.lastLicenseEvent = null;
    const termEnd = billingPeriod(s, start).end;
    switch (g.status ?? 'Active') {
      case 'Trial':
        s.endsAt = termEnd;
        break;
      case 'Expired':
        s.endsAt = start;
        s.recurringBilling = false;
        break;
      case 'Disabled':
        s.endsAt = start - 31 * DAY;
        s.recurringBilling = false;
        break;
      case 'Cancelled':
        s.cancelledAt = start;
        s.recurringBilling = false;
        break;
      case 'Active':
        if (channel === 'Prepaid' || !s.recurringBilling) s.endsAt = termEnd;
    }
    addSubscription(tenant, s);
  }

  for (const a of given.assignments ?? []) {
    const user = tenant.users[a.user];
    const subscription = tenant.subscriptions[a.subscription];
    if (!user) throw new SeedError(`assignments: unknown user "${a.user}"`);
    if (!subscription) throw new SeedError(`assignments: unknown subscription "${a.subscription}"`);
    if (tenant.assignments[subscription.id]?.[user.id]) {
      throw new SeedError(`assignments: ${a.user} holds ${a.subscription} twice`);
    }
    grant(inPlace, tenant, user, subscription, a.disabledPlans ?? [], start);
  }

  for (const k of given.productKeys ?? []) {
    const key = normaliseProductKey(k.key);
    if (!key) throw new SeedError(`productKeys: "${k.key}" is not 25 letters and digits`);
    if (tenant.productKeys[key]) throw new SeedError(`productKeys: "${k.key}" appears twice`);
    tenant.productKeys[key] = {
      key,
      product: product(catalogue, k.product, `productKeys.${k.key}`),
      licenses: k.licenses,
      extendsMonths: k.extendsMonths ?? 0,
      redeemedAt: null,
      redeemedOn: null,
    };
  }

  for (const u of given.unknownProducts ?? []) {
    const key = u.skuId ?? u.name;
    if (tenant.unknownProducts?.[key])
      throw new SeedError(`unknownProducts: "${key}" appears twice`);
    const stranger = u.holders.find((id) => !tenant.users[id]);
    if (stranger !== undefined) {
      throw new SeedError(`unknownProducts.${key}: unknown user "${stranger}"`);
    }
    tenant.unknownProducts ??= {};
    tenant.unknownProducts[key] = { ...u, holders: [...new Set(u.holders)].sort() };
  }
}
