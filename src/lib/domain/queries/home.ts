import type { Context } from '../context';
import { otherViolations, overAssigned } from '../invariants';
import { EXPIRED_DAYS, lifecycle } from '../lifecycle';
import { daysAfter, toDate } from '../time';
import type { Subscription, Tenant } from '../types';
import { licenseCounts, subscriptionsOfProduct } from './licenses';

/** How far ahead Home looks for subscriptions that end. */
export const EXPIRING_WITHIN_DAYS = 30;

/** LIC-3 for every product the tenant has: what Home lists as licenses available. */
export function productLicenses(tenant: Tenant, ctx: Context) {
  const products = new Set(
    Object.values(tenant.subscriptions)
      .filter((s) => lifecycle(s, ctx.now) !== 'Gone')
      .map((s) => s.product),
  );
  return [...products]
    .map((product) => ({
      product,
      productName: ctx.catalogue.product(product)?.displayName ?? product,
      ...licenseCounts(tenant, subscriptionsOfProduct(tenant, product), ctx),
    }))
    .sort(
      (a, b) => a.productName.localeCompare(b.productName) || a.product.localeCompare(b.product),
    );
}

/**
 * LIC-6: subscriptions whose term ends within `days` (recurring billing off,
 * a trial, a prepaid term), and expired ones, whose users lose access when
 * they become Disabled.
 */
export function expiringSubscriptions(tenant: Tenant, days: number, ctx: Context) {
  const horizon = daysAfter(ctx.now, days);
  return Object.values(tenant.subscriptions)
    .flatMap((s): { s: Subscription; status: 'Active' | 'Trial' | 'Expired'; on: number }[] => {
      const status = lifecycle(s, ctx.now);
      if (s.endsAt === null) return [];
      if ((status === 'Active' || status === 'Trial') && s.endsAt <= horizon) {
        return [{ s, status, on: s.endsAt }];
      }
      if (status === 'Expired') return [{ s, status, on: daysAfter(s.endsAt, EXPIRED_DAYS) }];
      return [];
    })
    .sort((a, b) => a.on - b.on || a.s.id.localeCompare(b.s.id))
    .map(({ s, status, on }) => ({
      subscription: s.id,
      product: s.product,
      productName: ctx.catalogue.product(s.product)?.displayName ?? s.product,
      status,
      /** When the term ends; for an expired subscription, when its users lose access. */
      on: toDate(on),
    }));
}

/** Rules the tenant's data breaks (an import can bring them in), but over-assignment: each names its rule. */
export function ruleViolations(tenant: Tenant): string[] {
  return otherViolations(tenant);
}

/** Subscriptions with more licenses assigned than they have, as imported (LIC-2, ASG-6). */
export function overAssignedLicenses(tenant: Tenant, ctx: Context) {
  return overAssigned(tenant, ctx.now).map((o) => ({
    ...o,
    productName: ctx.catalogue.product(o.product)?.displayName ?? o.product,
  }));
}
