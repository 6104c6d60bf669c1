import type { Context } from '../context';
import { MalformedInput, readImported } from '../givenReader';
import { lifecycle } from '../lifecycle';
import type { Payload } from '../payload';
import { normaliseProductKey } from '../productKey';
import { Refused, refuse } from '../refusal';
import type { GivenAssignment, GivenSubscription, GivenUser, Imported } from '../seed';
import type { Tenant, UnknownProduct } from '../types';

function sameList(a: readonly string[], b: readonly string[]): boolean {
  const sorted = [...b].sort();
  return a.length === b.length && [...a].sort().every((x, i) => x === sorted[i]);
}

/** Only what the import says is compared: a field it leaves out is no difference. */
function holdsUser(tenant: Tenant, u: GivenUser): boolean {
  const user = tenant.users[u.id];
  if (!user) return false;
  const given = (key: keyof GivenUser) => u[key] !== undefined;
  return (
    (!given('displayName') || user.displayName === u.displayName) &&
    (!given('usageLocation') || user.usageLocation === u.usageLocation) &&
    (!given('department') || user.department === u.department) &&
    (!given('kind') || user.kind === u.kind) &&
    (!given('mailboxSizeGB') || user.mailboxSizeGB === u.mailboxSizeGB) &&
    (!given('roles') || sameList(user.roles, u.roles ?? [])) &&
    (!given('deletedAt') || user.deletedAt === u.deletedAt)
  );
}

function holdsSubscription(tenant: Tenant, g: GivenSubscription, ctx: Context): boolean {
  const s = tenant.subscriptions[g.id];
  if (!s) return false;
  return (
    (g.product === undefined || s.product === g.product) &&
    (g.total === undefined || s.total === g.total) &&
    (g.status === undefined || lifecycle(s, ctx.now) === g.status)
  );
}

function holdsAssignment(tenant: Tenant, a: GivenAssignment): boolean {
  const held = tenant.assignments[a.subscription]?.[a.user];
  return !!held && sameList(held.disabledPlans, a.disabledPlans ?? []);
}

function holdsUnknown(tenant: Tenant, u: UnknownProduct): boolean {
  const held = tenant.unknownProducts?.[u.skuId ?? u.name];
  return !!held && sameList(held.holders, u.holders);
}

function readOrRefuse(payload: Payload): Imported {
  try {
    return readImported(payload);
  } catch (error) {
    if (!(error instanceof MalformedInput)) throw error;
    throw new Refused(
      refuse(
        'INVALID_INPUT',
        `The import cannot be read: ${error.message}.`,
        'Correct the file and read it again.',
      ),
    );
  }
}

/**
 * How many of an import's people, subscriptions, assignments, product keys and unknown products
 * the tenant does
 * not already hold as the import has them. All zero: importing it again changes nothing, so
 * there is nothing to apply (importTenant itself refuses ids the tenant already has).
 */
export function importChanges(tenant: Tenant, payload: Payload, ctx: Context) {
  const imported = readOrRefuse(payload);
  const count = <T>(items: T[] | undefined, held: (item: T) => boolean) =>
    (items ?? []).filter((item) => !held(item)).length;
  return {
    users: count(imported.users, (u) => holdsUser(tenant, u)),
    subscriptions: count(imported.subscriptions, (s) => holdsSubscription(tenant, s, ctx)),
    assignments: count(imported.assignments, (a) => holdsAssignment(tenant, a)),
    productKeys: count(
      imported.productKeys,
      (k) => !!tenant.productKeys[normaliseProductKey(k.key) ?? k.key],
    ),
    unknownProducts: count(imported.unknownProducts, (u) => holdsUnknown(tenant, u)),
  };
}
