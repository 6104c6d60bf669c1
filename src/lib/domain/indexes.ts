import type { Catalogue } from './catalogue/catalogue';
import type { Assignment, Tenant } from './types';

/**
 * Lookups that decisions make on every command, kept beside the data so they
 * don't scan it: how many licenses a subscription has assigned, and which
 * subscriptions sell a product. They live in symbol-keyed, non-enumerable
 * properties, so they are no part of the state: JSON, structuredClone and the
 * canonical comparison between replicas never see them, and a copy of the
 * tenant computes them again when first asked. A replay that records changes
 * to undo them (replica/journal.ts) records these with the data they follow.
 *
 * They stay right because changes go through a few functions: only `grant`
 * and `revoke` (assignment.ts) add or remove assignments, and only
 * `addSubscription` (subscription.ts) adds subscriptions.
 */
const COUNT = Symbol('assigned count');
const BY_PRODUCT = Symbol('subscriptions by product');

type Holders = Record<string, Assignment> & { [COUNT]?: number };
type Subscriptions = Tenant['subscriptions'] & { [BY_PRODUCT]?: Record<string, string[]> };

function hide<T extends object>(target: T, key: symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
}

/** The number of users holding a license of this subscription. */
export function holderCount(holders: Record<string, Assignment>): number {
  const cached = (holders as Holders)[COUNT];
  if (cached !== undefined) return cached;
  const count = Object.keys(holders).length;
  hide(holders, COUNT, count);
  return count;
}

/**
 * Keeps the count right: call it just before a holder is added (+1) or
 * removed (-1). It counts first if need be, so that every change of holders
 * made through a replay's recording view comes with its change of count, and
 * an undo puts both back (a count worked out later, outside any recording,
 * is then never left behind by an undo).
 */
export function adjustHolderCount(holders: Record<string, Assignment>, change: 1 | -1): void {
  (holders as Holders)[COUNT] = holderCount(holders) + change;
}

/**
 * Works out every subscription's count now. A replay does this on the plain
 * tenant it starts from: counted later, through its recording view, each
 * count would walk every holder through the view's traps, on the first
 * change to each subscription after every start.
 */
export function countHolders(tenant: Tenant): void {
  for (const holders of Object.values(tenant.assignments)) holderCount(holders);
}

/** The ids of the tenant's subscriptions of a product, in the tenant's order. */
export function subscriptionsSelling(tenant: Tenant, product: string): readonly string[] {
  const subscriptions = tenant.subscriptions as Subscriptions;
  let index = subscriptions[BY_PRODUCT];
  if (!index) {
    index = {};
    for (const id of Object.keys(subscriptions)) (index[subscriptions[id].product] ??= []).push(id);
    hide(subscriptions, BY_PRODUCT, index);
  }
  return index[product] ?? [];
}

/** After a subscription is added: the product index is built again when next asked. */
export function subscriptionsChanged(tenant: Tenant): void {
  delete (tenant.subscriptions as Subscriptions)[BY_PRODUCT];
}

const planNames = new WeakMap<object, Set<string>>();

/** The names of a product's service plans (catalogue products never change). */
export function servicePlanNames(catalogue: Catalogue, product: string): ReadonlySet<string> {
  const entry = catalogue.product(product);
  if (!entry) return new Set();
  let names = planNames.get(entry);
  if (!names) {
    names = new Set(entry.servicePlans.map((plan) => plan.name));
    planNames.set(entry, names);
  }
  return names;
}
