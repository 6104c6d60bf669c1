import { m } from '$lib/paraglide/messages';
import type { Role } from '$lib/domain/types';

const NAMES: Record<Role, () => string> = {
  GlobalAdministrator: m.role_global_administrator,
  BillingAdministrator: m.role_billing_administrator,
  UserAdministrator: m.role_user_administrator,
  LicenseAdministrator: m.role_license_administrator,
  ServiceSupportAdministrator: m.role_service_support_administrator,
  PasswordAdministrator: m.role_password_administrator,
  BillingAccountOwner: m.role_billing_account_owner,
  BillingAccountContributor: m.role_billing_account_contributor,
  BillingProfileOwner: m.role_billing_profile_owner,
  BillingProfileContributor: m.role_billing_profile_contributor,
};

/** A role's name in the person's language. */
export const roleName = (role: Role): string => NAMES[role]();
