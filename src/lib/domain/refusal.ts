/** Error codes of SCENARIOS.md, plus the few this project adds (see docs/rules-interpretation.md). */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'USER_NOT_FOUND',
  'ALREADY_EXISTS',
  'NOT_AUTHORIZED',
  'READ_ONLY',
  'SUBSCRIPTION_NOT_ACTIVE',
  'CREDIT_CHECK_PENDING',
  'PREPAID',
  'RESELLER',
  'MICROSOFT_REPRESENTATIVE',
  'TRIAL',
  'END_OF_SALE',
  'INVALID_QUANTITY',
  'OVER_PRODUCT_LIMIT',
  'REMOVAL_WINDOW_CLOSED',
  'RECURRING_BILLING_OFF',
  'RESTORE_WINDOW_CLOSED',
  'BELOW_ASSIGNED',
  'COUNT_VIOLATION',
  'TOO_MANY_USERS',
  'INVALID_PRODUCT_KEY',
  'PRODUCT_KEY_USED',
  'USAGE_LOCATION_REQUIRED',
  'LAST_GLOBAL_ADMIN',
  'UNKNOWN_SERVICE_PLAN',
  'CONCURRENT_CHANGE',
  'TOO_MANY_LICENSES_TO_CANCEL',
  'NOT_A_TRIAL',
  'USER_NOT_DELETED',
  'INVALID_PAYMENT_METHOD',
  'INVALID_SIGNATURE',
  'UNKNOWN_DEVICE',
  'DEVICE_REVOKED',
  'ALREADY_REVOKED',
  'INVITATION_EXPIRED',
  'INVITATION_USED',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why a command was refused, and what the admin can do about it. */
export interface Refusal {
  code: ErrorCode;
  message: string;
  remedy?: string;
  /** Values the interface may show or translate with (dates, counts, ids). */
  params?: Record<string, string | number>;
}

export function refuse(
  code: ErrorCode,
  message: string,
  remedy?: string,
  params?: Record<string, string | number>,
): Refusal {
  return { code, message, ...(remedy ? { remedy } : {}), ...(params ? { params } : {}) };
}

/** A malformed command; thrown while reading a payload, caught by the engine. */
export class InvalidInput extends Error {
  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}

/** A query that cannot be answered (an unknown user or subscription). */
export class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}
