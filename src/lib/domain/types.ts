import type { Instant } from './time';

export const DIRECTORY_ROLES = [
  'GlobalAdministrator',
  'BillingAdministrator',
  'UserAdministrator',
  'LicenseAdministrator',
  'ServiceSupportAdministrator',
  'PasswordAdministrator',
] as const;

export const BILLING_ROLES = [
  'BillingAccountOwner',
  'BillingAccountContributor',
  'BillingProfileOwner',
  'BillingProfileContributor',
] as const;

export type DirectoryRole = (typeof DIRECTORY_ROLES)[number];
export type BillingRole = (typeof BILLING_ROLES)[number];
export type Role = DirectoryRole | BillingRole;

export const BILLING_ACCOUNT_TYPES = ['MCA', 'MOSA'] as const;
export type BillingAccountType = (typeof BILLING_ACCOUNT_TYPES)[number];

export const USER_KINDS = ['person', 'sharedMailbox', 'roomMailbox', 'resourceMailbox'] as const;
export type UserKind = (typeof USER_KINDS)[number];

export const CHANNELS = [
  'Direct',
  'Reseller',
  'Prepaid',
  'MicrosoftRepresentative',
  'SelfService',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const BILLING_FREQUENCIES = ['monthly', 'annual'] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

export type SubscriptionStatus = 'Trial' | 'Active' | 'Expired' | 'Disabled' | 'Cancelled';

export interface User {
  id: string;
  displayName: string;
  usageLocation: string | null;
  kind: UserKind;
  mailboxSizeGB: number;
  department: string | null;
  roles: Role[];
  deletedAt: Instant | null;
}

/** One change of a subscription's total: what the invoice prorates (BILL-2). */
export interface LicenseChange {
  at: Instant;
  from: number;
  to: number;
  unitPrice: number;
  /** `now`, a scheduled change applied at `renewal`, or a product `key`. */
  kind: 'now' | 'renewal' | 'key';
}

/** Licenses bought mid-period under MCA, removable for 7 days (MCA-2). */
export interface Purchase {
  at: Instant;
  remaining: number;
}

export interface Subscription {
  id: string;
  /** The catalogue's String_Id. */
  product: string;
  total: number;
  billingFrequency: BillingFrequency;
  purchasedAt: Instant;
  channel: Channel;
  trial: boolean;
  recurringBilling: boolean;
  /** When the term ends without renewal; null while it renews. */
  endsAt: Instant | null;
  cancelledAt: Instant | null;
  cancellation: { reason: string; feedback: string | null } | null;
  creditCheck: 'pending' | 'done';
  purchaser: string | null;
  /** Minor units per license per billing period. */
  unitPrice: number;
  currency: string;
  /** Overrides the catalogue's end-of-sale flag when set. */
  endOfSale: boolean | null;
  /** A card added to a prepaid subscription to pay for more licenses (KEY-5). */
  paymentMethod: string | null;
  purchases: Purchase[];
  scheduledChange: { total: number; at: Instant } | null;
  /** Total when the history starts; `changes` lead from it to `total`. */
  initialTotal: number;
  changes: LicenseChange[];
  /** Bumped by every change of the total, made or scheduled; merges detect concurrent changes with it. */
  totalVersion: number;
  /** Drives DATA-4's suggestion: what last happened to its free licenses. */
  lastLicenseEvent: 'bought' | 'freed' | null;
}

export interface Assignment {
  user: string;
  subscription: string;
  disabledPlans: string[];
  assignedAt: Instant;
}

/** A user's data kept after a license was removed (DATA-1). */
export interface RetainedData {
  subscription: string;
  product: string;
  removedAt: Instant;
}

export interface ProductKey {
  /** Normalised: 25 upper-case letters and digits. */
  key: string;
  product: string;
  licenses: number;
  extendsMonths: number;
  redeemedAt: Instant | null;
  redeemedOn: string | null;
}

export interface PaymentMethod {
  id: string;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  nameOnCard: string;
  address: string;
  billingProfile: string;
  subscription: string | null;
  addedBy: string;
}

/** A device's ECDSA P-256 public key, as a JSON Web Key. */
export interface PublicKeyJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** A device allowed to sign ops for the tenant, bound to the person who uses it. */
export interface Device {
  id: string;
  publicKey: PublicKeyJwk;
  /**
   * The device's ECDH P-256 key, for handing it the tenant's key (end-to-end
   * encryption, replica/keyShares.ts); absent for devices enrolled without one.
   */
  wrapKey?: PublicKeyJwk;
  person: string | null;
  enrolledAt: Instant;
  /** Revoked: nothing it signs after its op number `afterSeq` is accepted (SYNC-5). */
  revoked?: { afterSeq: number; at: Instant; by: string };
}

/**
 * An invitation for a person to enrol a device (SYNC-5). Its id is the x
 * coordinate of its public key: no one can make another key with the same id.
 * The secret (the private key) is never in the log.
 */
export interface Invitation {
  id: string;
  person: string;
  publicKey: PublicKeyJwk;
  createdBy: string;
  createdAt: Instant;
  expiresAt: Instant;
  used?: { device: string; at: Instant };
}

export interface Tenant {
  name: string | null;
  billingAccountType: BillingAccountType;
  users: Record<string, User>;
  subscriptions: Record<string, Subscription>;
  /** subscription id → user id → assignment. */
  assignments: Record<string, Record<string, Assignment>>;
  /** user id → data kept after licenses were removed. */
  retainedData: Record<string, RetainedData[]>;
  productKeys: Record<string, ProductKey>;
  paymentMethods: Record<string, PaymentMethod>;
  devices: Record<string, Device>;
  /** Absent in tenants saved before invitations existed. */
  invitations?: Record<string, Invitation>;
  /** Products an import brought that the catalogue lacks, by SKU GUID (or name); absent if none. */
  unknownProducts?: Record<string, UnknownProduct>;
  /** Ids of conflicting ops an admin has dismissed from the conflict inbox, for every admin. */
  dismissed: Record<string, true>;
}

/**
 * A product a real tenant holds that is not in Seats' catalogue: kept as
 * imported, with its GUID and holders, so nothing of the tenant is dropped.
 * It is shown and exported, but cannot be bought, assigned or changed here.
 */
export interface UnknownProduct {
  /** The SKU's GUID, when the source gave one (Graph does; the admin center CSV does not). */
  skuId: string | null;
  /** The SKU part number, or the product name the CSV gave. */
  name: string;
  /** Licenses bought (Graph's prepaidUnits.enabled); null when the source did not say. */
  purchased: number | null;
  /** Ids of the people who hold it. */
  holders: string[];
}

export function emptyTenant(billingAccountType: BillingAccountType): Tenant {
  return {
    name: null,
    billingAccountType,
    users: {},
    subscriptions: {},
    assignments: {},
    retainedData: {},
    productKeys: {},
    paymentMethods: {},
    devices: {},
    dismissed: {},
  };
}
