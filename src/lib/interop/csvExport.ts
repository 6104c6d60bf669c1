import type { Catalogue } from '../domain/catalogue/catalogue';
import type { Context } from '../domain/context';
import { query, type QueryName } from '../domain/queries';
import type { QueryValue } from '../domain/queries';
import type { Instant } from '../domain/time';
import type { Tenant } from '../domain/types';
import { UNLICENSED } from './adminCenterCsv';
import { csvText } from './csvWriter';

/** The admin center's Active users export, column for column; Seats fills what it knows. */
export const USER_COLUMNS = [
  'Block credential',
  'City',
  'Country/Region',
  'Department',
  'DirSyncEnabled',
  'Display name',
  'Fax',
  'First name',
  'Last dir sync time',
  'Last name',
  'Last password change time stamp',
  'License assignment details',
  'Licenses',
  'Mobile Phone',
  'Oath token metadata',
  'Object Id',
  'Office',
  'Password never expires',
  'Phone number',
  'Postal code',
  'Preferred data location',
  'Preferred language',
  'Proxy addresses',
  'Release track',
  'Soft deletion time stamp',
  'State',
  'Street address',
  'Strong password required',
  'Title',
  'Usage location',
  'User principal name',
  'When created',
] as const;

type UserColumn = (typeof USER_COLUMNS)[number];

function ask<N extends QueryName>(
  tenant: Tenant,
  name: N,
  args: unknown,
  ctx: Context,
): QueryValue<N> {
  const answer = query(tenant, name, args, ctx);
  if (!answer.ok) throw new Error(`${name}: ${answer.refusal.message}`);
  return answer.value;
}

const contextAt = (now: Instant, catalogue: Catalogue): Context => ({
  now,
  author: null,
  catalogue,
});

/** Active users (not deleted), in the admin center's export columns; a re-import reads it back. */
export function usersCsv(tenant: Tenant, now: Instant, catalogue: Catalogue): string {
  const ctx = contextAt(now, catalogue);
  const rows = Object.keys(tenant.users)
    .sort()
    .map((id) => ask(tenant, 'user', { user: id }, ctx))
    .filter((user) => user.status === 'active')
    .map((user) => {
      // Products the catalogue lacks go out under the names they came in with.
      const kept = Object.values(tenant.unknownProducts ?? {})
        .filter((product) => product.holders.includes(user.id))
        .map((product) => product.name);
      const names = ask(tenant, 'userLicenses', { user: user.id }, ctx)
        .map((l) => catalogue.product(l.product)?.displayName ?? l.product)
        .concat(kept)
        .sort();
      const cells: Partial<Record<UserColumn, string>> = {
        'Block credential': 'False',
        Department: user.department ?? '',
        'Display name': user.displayName,
        Licenses: names.length ? names.join('+') : UNLICENSED,
        'Usage location': user.usageLocation ?? '',
        'User principal name': user.id,
      };
      return USER_COLUMNS.map((column) => cells[column] ?? '');
    });
  return csvText([USER_COLUMNS, ...rows]);
}

export const LICENSE_REPORT_COLUMNS = [
  'Product',
  'String ID',
  'Valid',
  'Expired',
  'Assigned',
  'Available',
  'Monthly cost of unused licenses',
  'Currency',
] as const;

const money = (minor: number) => (minor / 100).toFixed(2);

/**
 * One row per product: the engine's license counts (LIC-3) and what the licenses that are free
 * to assign cost a month, at each subscription's own price.
 */
export function licensesReportCsv(tenant: Tenant, now: Instant, catalogue: Catalogue): string {
  const ctx = contextAt(now, catalogue);
  const unused = new Map<string, Map<string, number>>();
  for (const id of Object.keys(tenant.subscriptions).sort()) {
    const found = query(tenant, 'subscription', { subscription: id }, ctx);
    // A subscription gone for good is not found, and not on Home either.
    if (!found.ok) continue;
    const s = found.value;
    const { available } = ask(tenant, 'licenses', { subscription: id }, ctx);
    const monthly = (available * s.unitPrice) / (s.billingFrequency === 'annual' ? 12 : 1);
    const byCurrency = unused.get(s.product) ?? new Map<string, number>();
    byCurrency.set(s.currency, (byCurrency.get(s.currency) ?? 0) + monthly);
    unused.set(s.product, byCurrency);
  }
  const rows = ask(tenant, 'productLicenses', {}, ctx).map((p) => {
    const costs = [...(unused.get(p.product) ?? new Map<string, number>())];
    return [
      p.productName,
      p.product,
      p.valid,
      p.expired,
      p.assigned,
      p.available,
      costs.map(([, minor]) => money(Math.round(minor))).join(' / '),
      costs.map(([currency]) => currency).join(' / '),
    ];
  });
  return csvText([LICENSE_REPORT_COLUMNS, ...rows]);
}
