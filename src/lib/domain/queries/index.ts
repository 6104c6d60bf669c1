import { advance } from '../advance';
import type { Context } from '../context';
import { asPayload, number, text, type Payload } from '../payload';
import { InvalidInput, Refused, refuse, type Refusal } from '../refusal';
import type { Tenant } from '../types';
import { invoices, paymentMethods, previewInvoice } from './billing';
import {
  EXPIRING_WITHIN_DAYS,
  expiringSubscriptions,
  productLicenses,
  overAssignedLicenses,
  ruleViolations,
} from './home';
import { importChanges } from './imports';
import {
  licenseActions,
  licenseCounts,
  productUsers,
  subscriptionsOfProduct,
  unknownProducts,
} from './licenses';
import { roleHolders } from './roles';
import {
  adminAccess,
  getSubscription,
  selfServiceView,
  subscriptionSummary,
  suggestions,
  visibleSubscriptions,
} from './subscriptions';
import {
  deletedUsers,
  licenseChoices,
  retainedData,
  unlicensedUsers,
  userLicenses,
  userServices,
  userSummary,
} from './users';

type Answer = (tenant: Tenant, args: Payload, ctx: Context) => unknown;

function catalogueProduct(args: Payload, ctx: Context): string {
  const product = text(args, 'product');
  if (!ctx.catalogue.product(product)) {
    throw new Refused(
      refuse(
        'NOT_FOUND',
        `There is no product "${product}".`,
        'Pick a product from the catalogue.',
      ),
    );
  }
  return product;
}

function licenses(tenant: Tenant, args: Payload, ctx: Context) {
  if (args['product'] !== undefined) {
    return licenseCounts(tenant, subscriptionsOfProduct(tenant, catalogueProduct(args, ctx)), ctx);
  }
  return licenseCounts(tenant, [getSubscription(tenant, text(args, 'subscription'), ctx)], ctx);
}

/** Every query of SCENARIOS.md, plus the ones the pages need. */
export const QUERIES = {
  licenses,
  licenseActions: (t, a, ctx) => licenseActions(t, text(a, 'subscription'), text(a, 'as'), ctx),
  productUsers: (t, a, ctx) => productUsers(t, catalogueProduct(a, ctx), ctx),
  userLicenses: (t, a) => userLicenses(t, text(a, 'user')),
  unlicensedUsers: (t) => unlicensedUsers(t),
  user: (t, a) => userSummary(t, text(a, 'user')),
  retainedData: (t, a, ctx) => retainedData(t, text(a, 'user'), ctx),
  userServices: (t, a, ctx) => userServices(t, text(a, 'user'), ctx),
  subscription: (t, a, ctx) =>
    subscriptionSummary(t, getSubscription(t, text(a, 'subscription'), ctx), ctx),
  subscriptions: (t, a, ctx) =>
    visibleSubscriptions(t, a['as'] === undefined ? null : text(a, 'as'), ctx),
  adminAccess: (t, a) => adminAccess(t, text(a, 'as')),
  selfServiceView: (t, a, ctx) => selfServiceView(t, text(a, 'subscription'), ctx),
  suggestions: (t, _a, ctx) => suggestions(t, ctx),
  invoicePreview: (t, a, ctx) => previewInvoice(t, text(a, 'subscription'), ctx),
  invoices,
  paymentMethods: (t) => paymentMethods(t),
  productLicenses: (t, _a, ctx) => productLicenses(t, ctx),
  expiringSubscriptions: (t, a, ctx) =>
    expiringSubscriptions(
      t,
      a['days'] === undefined ? EXPIRING_WITHIN_DAYS : number(a, 'days'),
      ctx,
    ),
  violations: (t) => ruleViolations(t),
  unknownProducts: (t, a) => unknownProducts(t, text(a, 'as')),
  overAssignedLicenses: (t, _a, ctx) => overAssignedLicenses(t, ctx),
  importChanges,
  roles: (t, a, ctx) => roleHolders(t, text(a, 'as'), ctx),
  deletedUsers: (t, _a, ctx) => deletedUsers(t, ctx),
  licenseChoices: (t, a, ctx) => licenseChoices(t, text(a, 'as'), ctx),
} satisfies Record<string, Answer>;

export type QueryName = keyof typeof QUERIES;

export function isQueryName(name: string): name is QueryName {
  return Object.hasOwn(QUERIES, name);
}

export type QueryValue<N extends QueryName> = ReturnType<(typeof QUERIES)[N]>;

export type Answered<T = unknown> = { ok: true; value: T } | { ok: false; refusal: Refusal };

/** Moves the tenant to `ctx.now`, then answers the query. */
export function query<N extends QueryName>(
  tenant: Tenant,
  name: N,
  args: unknown,
  ctx: Context,
): Answered<QueryValue<N>>;
export function query(tenant: Tenant, name: string, args: unknown, ctx: Context): Answered;
export function query(tenant: Tenant, name: string, args: unknown, ctx: Context): Answered {
  if (!isQueryName(name)) {
    return {
      ok: false,
      refusal: refuse(
        'INVALID_INPUT',
        `Unknown query "${name}".`,
        'Use one of the documented queries.',
      ),
    };
  }
  advance(tenant, ctx.now);
  try {
    return { ok: true, value: QUERIES[name](tenant, asPayload(args ?? {}), ctx) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusal: error.refusal };
    if (error instanceof InvalidInput) {
      return {
        ok: false,
        refusal: refuse(
          'INVALID_INPUT',
          `The query is malformed: ${error.message}.`,
          'Correct the field.',
        ),
      };
    }
    throw error;
  }
}
