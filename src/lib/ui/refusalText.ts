import type { ErrorCode, Refusal } from '$lib/domain/refusal';
import type { SyncFileError } from '$lib/replica/syncFile';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';

type Say = (inputs: Record<string, never>, options: { locale: Locale }) => string;
type Wording = [why: Say, fix: Say];

const REFUSALS: Record<ErrorCode, Wording> = {
  INVALID_INPUT: [m.why_invalid_input, m.fix_invalid_input],
  NOT_FOUND: [m.why_not_found, m.fix_not_found],
  USER_NOT_FOUND: [m.why_user_not_found, m.fix_user_not_found],
  ALREADY_EXISTS: [m.why_already_exists, m.fix_already_exists],
  NOT_AUTHORIZED: [m.why_not_authorized, m.fix_not_authorized],
  READ_ONLY: [m.why_read_only, m.fix_read_only],
  SUBSCRIPTION_NOT_ACTIVE: [m.why_subscription_not_active, m.fix_subscription_not_active],
  CREDIT_CHECK_PENDING: [m.why_credit_check_pending, m.fix_credit_check_pending],
  PREPAID: [m.why_prepaid, m.fix_prepaid],
  RESELLER: [m.why_reseller, m.fix_reseller],
  MICROSOFT_REPRESENTATIVE: [m.why_microsoft_representative, m.fix_microsoft_representative],
  TRIAL: [m.why_trial, m.fix_trial],
  END_OF_SALE: [m.why_end_of_sale, m.fix_end_of_sale],
  INVALID_QUANTITY: [m.why_invalid_quantity, m.fix_invalid_quantity],
  OVER_PRODUCT_LIMIT: [m.why_over_product_limit, m.fix_over_product_limit],
  REMOVAL_WINDOW_CLOSED: [m.why_removal_window_closed, m.fix_removal_window_closed],
  RECURRING_BILLING_OFF: [m.why_recurring_billing_off, m.fix_recurring_billing_off],
  RESTORE_WINDOW_CLOSED: [m.why_restore_window_closed, m.fix_restore_window_closed],
  BELOW_ASSIGNED: [m.why_below_assigned, m.fix_below_assigned],
  COUNT_VIOLATION: [m.why_count_violation, m.fix_count_violation],
  TOO_MANY_USERS: [m.why_too_many_users, m.fix_too_many_users],
  INVALID_PRODUCT_KEY: [m.why_invalid_product_key, m.fix_invalid_product_key],
  PRODUCT_KEY_USED: [m.why_product_key_used, m.fix_product_key_used],
  USAGE_LOCATION_REQUIRED: [m.why_usage_location_required, m.fix_usage_location_required],
  LAST_GLOBAL_ADMIN: [m.why_last_global_admin, m.fix_last_global_admin],
  UNKNOWN_SERVICE_PLAN: [m.why_unknown_service_plan, m.fix_unknown_service_plan],
  CONCURRENT_CHANGE: [m.why_concurrent_change, m.fix_concurrent_change],
  TOO_MANY_LICENSES_TO_CANCEL: [
    m.why_too_many_licenses_to_cancel,
    m.fix_too_many_licenses_to_cancel,
  ],
  NOT_A_TRIAL: [m.why_not_a_trial, m.fix_not_a_trial],
  USER_NOT_DELETED: [m.why_user_not_deleted, m.fix_user_not_deleted],
  INVALID_PAYMENT_METHOD: [m.why_invalid_payment_method, m.fix_invalid_payment_method],
  INVALID_SIGNATURE: [m.why_invalid_signature, m.fix_invalid_signature],
  UNKNOWN_DEVICE: [m.why_unknown_device, m.fix_unknown_device],
  DEVICE_REVOKED: [m.why_device_revoked, m.fix_device_revoked],
  ALREADY_REVOKED: [m.why_already_revoked, m.fix_already_revoked],
  INVITATION_EXPIRED: [m.why_invitation_expired, m.fix_invitation_expired],
  INVITATION_USED: [m.why_invitation_used, m.fix_invitation_used],
};

/**
 * Where the right remedy depends on the case, the engine names it in
 * `params.remedyCase`; a case with no wording here gets the code's.
 */
const CASES: Partial<Record<ErrorCode, Record<string, Wording>>> = {
  SUBSCRIPTION_NOT_ACTIVE: {
    buyNew: [m.why_subscription_not_active, m.fix_subscription_not_active_buy_new],
    redeemKey: [m.why_subscription_not_active, m.fix_subscription_not_active_redeem_key],
    buyTrial: [m.why_subscription_not_active, m.fix_subscription_not_active_buy_trial],
  },
  REMOVAL_WINDOW_CLOSED: {
    turnOnRecurringBilling: [
      m.why_removal_window_closed,
      m.fix_removal_window_closed_recurring_off,
    ],
  },
  COUNT_VIOLATION: {
    tooManyUsers: [m.why_count_violation, m.fix_count_violation_too_many_users],
  },
  PREPAID: {
    renewsWithKey: [m.why_prepaid_renews_with_key, m.fix_prepaid_renews_with_key],
  },
  RESELLER: {
    managed: [m.why_reseller_managed, m.fix_reseller_managed],
  },
  MICROSOFT_REPRESENTATIVE: {
    managed: [m.why_microsoft_representative_managed, m.fix_microsoft_representative_managed],
  },
};

const SYNC_FILE_ERRORS: Record<SyncFileError['code'], Wording> = {
  NOT_A_SYNC_FILE: [m.why_not_a_sync_file, m.fix_not_a_sync_file],
  UNSUPPORTED_VERSION: [m.why_unsupported_version, m.fix_unsupported_version],
  WRONG_TENANT: [m.why_wrong_tenant, m.fix_wrong_tenant],
  TRUNCATED: [m.why_truncated, m.fix_truncated],
  CORRUPT: [m.why_corrupt, m.fix_corrupt],
  TAMPERED: [m.why_tampered, m.fix_tampered],
  SEALED: [m.why_sealed, m.fix_sealed],
};

export interface ShownRefusal {
  message: string;
  remedy: string | undefined;
}

/**
 * A refusal's message and remedy in the person's language. The engine writes
 * English with the specifics filled in (names, dates, counts), so English shows
 * its words; the other languages get the code's translated wording.
 */
export function refusalText(refusal: Refusal, locale: Locale): ShownRefusal {
  if (locale === 'en') return { message: refusal.message, remedy: refusal.remedy };
  const remedyCase = refusal.params?.['remedyCase'];
  const wording = typeof remedyCase === 'string' ? CASES[refusal.code]?.[remedyCase] : undefined;
  return say(wording ?? REFUSALS[refusal.code], locale);
}

/** The same for a sync file that was not imported. */
export function syncFileErrorText(error: SyncFileError, locale: Locale): ShownRefusal {
  if (locale === 'en') return { message: error.message, remedy: error.remedy };
  return say(SYNC_FILE_ERRORS[error.code], locale);
}

function say([why, fix]: Wording, locale: Locale): ShownRefusal {
  return { message: why({}, { locale }), remedy: fix({}, { locale }) };
}
