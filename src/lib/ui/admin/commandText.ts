import type { Catalogue } from '$lib/domain/catalogue/catalogue';
import { isCommandType, type CommandType } from '$lib/domain/commands';
import { BILLING_ROLES, DIRECTORY_ROLES, type Role, type Tenant } from '$lib/domain/types';
import { m } from '$lib/paraglide/messages';
import { roleName } from '$lib/ui/roleName';

const LABELS: Record<CommandType, () => string> = {
  createTenant: m.command_create_tenant,
  addUser: m.command_add_user,
  deleteUser: m.command_delete_user,
  restoreUser: m.command_restore_user,
  assignRole: m.command_assign_role,
  removeRole: m.command_remove_role,
  buySubscription: m.command_buy_subscription,
  buyTrial: m.command_buy_trial,
  setTotalLicenses: m.command_set_total_licenses,
  redeemProductKeys: m.command_redeem_product_keys,
  setRecurringBilling: m.command_set_recurring_billing,
  cancelSubscription: m.command_cancel_subscription,
  assignLicenses: m.command_assign_licenses,
  unassignLicenses: m.command_unassign_licenses,
  setUserLicenses: m.command_set_user_licenses,
  setServicePlans: m.command_set_service_plans,
  completeCreditCheck: m.command_complete_credit_check,
  addPaymentMethod: m.command_add_payment_method,
  updatePaymentMethod: m.command_update_payment_method,
  enrolDevice: m.command_enrol_device,
  revokeDevice: m.command_revoke_device,
  createInvitation: m.command_create_invitation,
  joinWithInvitation: m.command_join_with_invitation,
  importTenant: m.command_import_tenant,
  dismissConflict: m.command_dismiss_conflict,
};

/** A command's name in the person's language; an unknown one (a newer app's) as it is. */
export function commandLabel(type: string): string {
  return isCommandType(type) ? LABELS[type]() : type;
}

const ROLES: readonly string[] = [...DIRECTORY_ROLES, ...BILLING_ROLES];
const SHOWN_NAMES = 3;

/** Reads names from the tenant as it is now; ids it no longer knows are shown as ids. */
export interface Names {
  tenant: Tenant | null;
  catalogue: Catalogue | null;
}

export function personName(names: Names, id: string | null): string {
  if (id === null) return m.activity_no_person();
  return names.tenant?.users[id]?.displayName ?? id;
}

function productName(names: Names, product: string): string {
  return names.catalogue?.product(product)?.displayName ?? product;
}

function subscriptionName(names: Names, id: string): string {
  const product = names.tenant?.subscriptions[id]?.product;
  return product ? productName(names, product) : id;
}

function listed(items: string[]): string {
  if (items.length <= SHOWN_NAMES) return items.join(', ');
  return m.detail_and_more({
    names: items.slice(0, SHOWN_NAMES).join(', '),
    count: items.length - SHOWN_NAMES,
  });
}

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * What a change was about, in a few words. Only known, harmless fields are
 * read: a payload may carry a card number or security code, never shown.
 */
export function commandDetail(type: string, payload: unknown, names: Names): string {
  if (typeof payload !== 'object' || payload === null) return '';
  const p = payload as Record<string, unknown>;
  const parts: string[] = [];
  if (str(p['name'])) parts.push(p['name']);
  if (str(p['displayName'])) parts.push(p['displayName']);
  if (str(p['product'])) parts.push(productName(names, p['product']));
  if (str(p['subscription'])) parts.push(subscriptionName(names, p['subscription']));
  if (Array.isArray(p['licenses'])) {
    const subscriptions = p['licenses']
      .map((l: unknown) => (l as { subscription?: unknown } | null)?.subscription)
      .filter(str);
    parts.push(listed(subscriptions.map((s) => subscriptionName(names, s))));
  }
  if (str(p['user'])) parts.push(personName(names, p['user']));
  if (Array.isArray(p['users']) && type !== 'importTenant') {
    parts.push(listed(p['users'].filter(str).map((u) => personName(names, u))));
  }
  if (str(p['role']) && ROLES.includes(p['role'])) parts.push(roleName(p['role'] as Role));
  if (typeof p['total'] === 'number') {
    parts.push(
      p['when'] === 'renewal'
        ? m.detail_total_at_renewal({ total: p['total'] })
        : m.detail_total({ total: p['total'] }),
    );
  }
  if (typeof p['on'] === 'boolean') parts.push(p['on'] ? m.detail_on() : m.detail_off());
  if (Array.isArray(p['keys'])) parts.push(m.detail_keys({ count: p['keys'].length }));
  // Ops carry a card's last 4 digits (recorded.ts); ops recorded before that, its number.
  const last4 = str(p['last4'])
    ? p['last4']
    : str(p['cardNumber'])
      ? p['cardNumber'].replace(/\D/g, '').slice(-4)
      : null;
  if (last4) parts.push(`•••• ${last4}`);
  if (str(p['nameOnCard']) && !last4) parts.push(p['nameOnCard']);
  if (str(p['device'])) parts.push(p['device']);
  if (type === 'importTenant') {
    const count = (key: string) => (Array.isArray(p[key]) ? (p[key] as unknown[]).length : 0);
    parts.push(m.detail_import({ users: count('users'), subscriptions: count('subscriptions') }));
  }
  if (type === 'dismissConflict' && str(p['op'])) parts.push(p['op'].slice(0, 8));
  return parts.join(' · ');
}
