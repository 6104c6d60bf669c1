/**
 * Picks the next admin command from what a device sees now: mostly assign,
 * unassign and app (service plan) changes, now and then a new total. Chosen
 * to pass on the device that makes it, as an admin would; the other device's
 * concurrent changes can still turn some into conflicts at replay.
 */
import type { Catalogue } from '../src/lib/domain/catalogue/catalogue';
import type { Command } from '../src/lib/domain/engine';
import type { Tenant } from '../src/lib/domain/types';
import { Random } from './random';

export interface Authors {
  /** Assigns, unassigns, changes apps (License/User/Global Administrator). */
  assign: readonly string[];
  /** Buys and removes licenses (Global/Billing Administrator), or none on this device. */
  buy: readonly string[];
}

export interface Pick {
  command: Command;
  author: string;
}

export class CommandPicker {
  private readonly random: Random;
  private readonly plans = new Map<string, string[]>();

  constructor(
    private readonly catalogue: Catalogue,
    private readonly subscriptionIds: readonly string[],
    private readonly userIds: readonly string[],
    seed: number,
  ) {
    this.random = new Random(seed);
  }

  next(tenant: Tenant, authors: Authors): Pick {
    const roll = this.random.next();
    const assigner = this.random.pick(authors.assign);
    if (roll < 0.03 && authors.buy.length) {
      const total = this.total(tenant);
      if (total) return { command: total, author: this.random.pick(authors.buy) };
    }
    if (roll < 0.45) return { command: this.assign(tenant), author: assigner };
    if (roll < 0.75) return { command: this.unassign(tenant), author: assigner };
    return { command: this.servicePlans(tenant), author: assigner };
  }

  private holders(tenant: Tenant, subscription: string): string[] {
    return Object.keys(tenant.assignments[subscription] ?? {});
  }

  private size(): number {
    // Mostly one or two people, sometimes a batch of up to the 20 the page allows.
    const r = this.random.next();
    return r < 0.6 ? 1 : r < 0.85 ? 2 + this.random.int(3) : 5 + this.random.int(16);
  }

  /** Assigns a subscription with free licenses to people who don't hold its product. */
  private assign(tenant: Tenant): Command {
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = this.random.pick(this.subscriptionIds);
      const subscription = tenant.subscriptions[id];
      const free = subscription.total - this.holders(tenant, id).length;
      const want = Math.min(this.size(), free);
      if (want < 1) continue;
      const users = new Set<string>();
      for (let tries = 0; users.size < want && tries < want * 20; tries++) {
        const user = tenant.users[this.random.pick(this.userIds)];
        if (user.deletedAt !== null || !user.usageLocation) continue;
        if (this.holdsProduct(tenant, user.id, subscription.product)) continue;
        users.add(user.id);
      }
      if (!users.size) continue;
      return { type: 'assignLicenses', payload: { subscription: id, users: [...users] } };
    }
    return this.unassign(tenant);
  }

  private holdsProduct(tenant: Tenant, user: string, product: string): boolean {
    for (const id of this.subscriptionIds) {
      if (tenant.subscriptions[id].product === product && tenant.assignments[id]?.[user]) {
        return true;
      }
    }
    return false;
  }

  private unassign(tenant: Tenant): Command {
    const id = this.random.pick(this.subscriptionIds);
    const holders = this.holders(tenant, id);
    const users = this.random.sample(holders, Math.min(this.size(), holders.length));
    return { type: 'unassignLicenses', payload: { subscription: id, users } };
  }

  /** Turns one or two apps off for a holder, or all back on. */
  private servicePlans(tenant: Tenant): Command {
    let id = this.random.pick(this.subscriptionIds);
    let holders = this.holders(tenant, id);
    while (!holders.length) {
      id = this.random.pick(this.subscriptionIds);
      holders = this.holders(tenant, id);
    }
    const user = this.random.pick(holders);
    const plans = this.plansOf(tenant.subscriptions[id].product);
    const disabledPlans =
      this.random.next() < 0.2 ? [] : this.random.sample(plans, 1 + this.random.int(2));
    return { type: 'setServicePlans', payload: { user, subscription: id, disabledPlans } };
  }

  /** A new total at or above what is assigned, within the product's cap (SPB: 300). */
  private total(tenant: Tenant): Command | null {
    const id = this.random.pick(this.subscriptionIds);
    const subscription = tenant.subscriptions[id];
    const assigned = this.holders(tenant, id).length;
    const cap = this.catalogue.product(subscription.product)?.maxLicenses ?? Infinity;
    const total = Math.min(cap, assigned + 5 + this.random.int(Math.max(10, assigned / 10)));
    if (total === subscription.total || total < 1) return null;
    return { type: 'setTotalLicenses', payload: { subscription: id, total } };
  }

  private plansOf(product: string): string[] {
    let plans = this.plans.get(product);
    if (!plans) {
      plans = (this.catalogue.product(product)?.servicePlans ?? [])
        .map((plan) => plan.name)
        .filter((name) => !name.startsWith('EXCHANGE_S_FOUNDATION'));
      this.plans.set(product, plans);
    }
    return plans;
  }
}
