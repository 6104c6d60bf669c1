import type { Catalogue, Product } from '../domain/catalogue/catalogue';
import { toDate } from '../domain/time';
import type { Subscription, Tenant } from '../domain/types';
import type { LoggedOp, Window } from './replayLog';

export interface PlannedAdd {
  skuId: string;
  product: string;
  productName: string;
  /** Service plans to keep off: GUIDs, with their names for the reader. */
  disabledPlans: { id: string; name: string }[];
}

export interface PlannedRemove {
  skuId: string;
  product: string;
  productName: string;
}

/** One user's net license change: one Set-MgUserLicense, one assignLicense. */
export interface UserLicenseChange {
  /** The user's id in Seats: the user principal name for an imported tenant. */
  user: string;
  displayName: string;
  add: PlannedAdd[];
  remove: PlannedRemove[];
}

/** What the admin center must do by hand: Graph cannot buy, remove or create these. */
export interface ChecklistItem {
  kind:
    | 'buy'
    | 'removeLicenses'
    | 'cancel'
    | 'recurringBilling'
    | 'redeemKey'
    | 'addUser'
    | 'deleteUser'
    | 'restoreUser'
    | 'notInPlan';
  text: string;
}

export interface ChangePlan {
  users: UserLicenseChange[];
  checklist: ChecklistItem[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Commands whose effect the plan carries, as script lines or checklist items. */
const PLANNED = new Set([
  'assignLicenses',
  'unassignLicenses',
  'setUserLicenses',
  'setServicePlans',
  'buySubscription',
  'buyTrial',
  'setTotalLicenses',
  'redeemProductKeys',
  'setRecurringBilling',
  'cancelSubscription',
  'addUser',
  'deleteUser',
  'restoreUser',
  'importTenant',
]);

/** Seats' own bookkeeping: nothing to carry to the real tenant. */
const LOCAL = new Set([
  'enrolDevice',
  'revokeDevice',
  'createInvitation',
  'joinWithInvitation',
  'dismissConflict',
  'completeCreditCheck',
  'createTenant',
]);

/** user → product → disabled plan names, over every subscription the user holds. */
function holdings(tenant: Tenant): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const [subscriptionId, holders] of Object.entries(tenant.assignments)) {
    const product = tenant.subscriptions[subscriptionId]?.product;
    if (!product) continue;
    for (const [userId, assignment] of Object.entries(holders)) {
      if (!assignment) continue;
      const mine = out.get(userId) ?? new Map<string, string[]>();
      mine.set(product, [...assignment.disabledPlans].sort());
      out.set(userId, mine);
    }
  }
  return out;
}

function productOf(catalogue: Catalogue, stringId: string): Product {
  const product = catalogue.product(stringId);
  if (!product) throw new Error(`The catalogue has no product ${stringId}.`);
  return product;
}

/** Plan names to GUIDs; a plan imported by its GUID (not in the catalogue) stays as it is. */
function planIds(product: Product, names: string[]): { id: string; name: string }[] {
  return names.map((name) => {
    const plan = product.servicePlans.find((p) => p.name === name);
    if (plan) return { id: plan.id, name: plan.name };
    return { id: GUID.test(name) ? name.toLowerCase() : name, name };
  });
}

const licenses = (n: number) => `${n} license${n === 1 ? '' : 's'}`;

const sameList = (a: string[], b: string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function licenseChanges(window: Window, catalogue: Catalogue): UserLicenseChange[] {
  const { before, after } = window;
  const was = holdings(before);
  const is = holdings(after);
  const users = [...new Set([...was.keys(), ...is.keys()])].sort();
  const changes: UserLicenseChange[] = [];
  for (const userId of users) {
    const user = after.users[userId] ?? before.users[userId];
    // A user deleted in the window loses every license with the account (checklist).
    if (!user || user.deletedAt !== null) continue;
    const from = was.get(userId) ?? new Map<string, string[]>();
    const to = is.get(userId) ?? new Map<string, string[]>();
    const add: PlannedAdd[] = [];
    const remove: PlannedRemove[] = [];
    for (const [stringId, disabled] of [...to].sort(([a], [b]) => a.localeCompare(b))) {
      const held = from.get(stringId);
      if (held && sameList(held, disabled)) continue;
      const product = productOf(catalogue, stringId);
      add.push({
        skuId: product.guid,
        product: stringId,
        productName: product.displayName,
        disabledPlans: planIds(product, disabled),
      });
    }
    for (const stringId of [...from.keys()].sort()) {
      if (to.has(stringId)) continue;
      const product = productOf(catalogue, stringId);
      remove.push({ skuId: product.guid, product: stringId, productName: product.displayName });
    }
    if (add.length || remove.length) {
      changes.push({ user: userId, displayName: user.displayName, add, remove });
    }
  }
  return changes;
}

function subscriptionItems(window: Window, catalogue: Catalogue): ChecklistItem[] {
  const { before, after } = window;
  const items: ChecklistItem[] = [];
  const name = (s: Subscription) => `${productOf(catalogue, s.product).displayName} (${s.id})`;
  for (const s of Object.values(after.subscriptions).sort((a, b) => a.id.localeCompare(b.id))) {
    const old = before.subscriptions[s.id];
    if (!old) {
      items.push({
        kind: 'buy',
        text: s.trial
          ? `Start a trial of ${name(s)} with ${licenses(s.total)}`
          : `Buy ${name(s)}: ${licenses(s.total)}, ${s.billingFrequency}, through ${s.channel}`,
      });
    } else if (s.total > old.total) {
      items.push({
        kind: 'buy',
        text: `Buy ${s.total - old.total} more of ${name(s)}, to ${licenses(s.total)}`,
      });
    } else if (s.total < old.total) {
      items.push({
        kind: 'removeLicenses',
        text: `Remove ${licenses(old.total - s.total)} of ${name(s)}, to ${s.total}`,
      });
    }
    const change = s.scheduledChange;
    if (
      change &&
      (change.total !== old?.scheduledChange?.total || change.at !== old.scheduledChange.at)
    ) {
      items.push({
        kind: 'removeLicenses',
        text: `Reduce ${name(s)} to ${licenses(change.total)} at renewal on ${toDate(change.at)}`,
      });
    }
    if (s.cancelledAt !== null && old && old.cancelledAt === null) {
      items.push({ kind: 'cancel', text: `Cancel ${name(s)}` });
    }
    if (old && s.recurringBilling !== old.recurringBilling) {
      items.push({
        kind: 'recurringBilling',
        text: `Turn recurring billing ${s.recurringBilling ? 'on' : 'off'} for ${name(s)}`,
      });
    }
  }
  for (const key of Object.values(after.productKeys)) {
    if (key.redeemedAt !== null && before.productKeys[key.key]?.redeemedAt == null) {
      items.push({
        kind: 'redeemKey',
        text: `Redeem product key ${key.key} for ${productOf(catalogue, key.product).displayName}`,
      });
    }
  }
  return items;
}

function userItems(window: Window): ChecklistItem[] {
  const { before, after } = window;
  const items: ChecklistItem[] = [];
  for (const user of Object.values(after.users).sort((a, b) => a.id.localeCompare(b.id))) {
    const old = before.users[user.id];
    const who = `${user.displayName} (${user.id})`;
    if (!old && user.deletedAt === null) {
      items.push({ kind: 'addUser', text: `Add the user ${who}, before running the script` });
    } else if (old && old.deletedAt === null && user.deletedAt !== null) {
      items.push({ kind: 'deleteUser', text: `Delete the user ${who}` });
    } else if (old && old.deletedAt !== null && user.deletedAt === null) {
      items.push({
        kind: 'restoreUser',
        text: `Restore the user ${who}, before running the script`,
      });
    }
  }
  return items;
}

function otherItems(ops: LoggedOp[]): ChecklistItem[] {
  return ops
    .filter((op) => !PLANNED.has(op.type) && !LOCAL.has(op.type))
    .map((op) => ({
      kind: 'notInPlan' as const,
      text: `Not in this plan: ${op.type} by ${op.author ?? 'the system'} on ${toDate(op.time)}; do it by hand if it is still wanted`,
    }));
}

/**
 * The net change between the tenant at the chosen point and now (replayLog.ts): per user the
 * licenses to add (with the apps to keep off) and to remove, and a checklist of what only the
 * admin center can do, purchases first, since the script needs the licenses to exist.
 */
export function changePlan(window: Window, catalogue: Catalogue): ChangePlan {
  return {
    users: licenseChanges(window, catalogue),
    checklist: [
      ...subscriptionItems(window, catalogue),
      ...userItems(window),
      ...otherItems(window.ops),
    ],
  };
}
