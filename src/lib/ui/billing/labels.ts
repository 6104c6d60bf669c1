import { m } from '$lib/paraglide/messages';
import type { Lifecycle } from '$lib/domain/lifecycle';
import type { BillingFrequency, Channel } from '$lib/domain/types';

const STATUS: Record<Lifecycle, () => string> = {
  Trial: m.billing_status_trial,
  Active: m.billing_status_active,
  Expired: m.billing_status_expired,
  Disabled: m.billing_status_disabled,
  Cancelled: m.billing_status_cancelled,
  // Queries never return a gone subscription; named for completeness of the type.
  Gone: m.billing_status_disabled,
};

const CHANNEL: Record<Channel, () => string> = {
  Direct: m.billing_channel_direct,
  Reseller: m.billing_channel_reseller,
  Prepaid: m.billing_channel_prepaid,
  MicrosoftRepresentative: m.billing_channel_representative,
  SelfService: m.billing_channel_self_service,
};

const FREQUENCY: Record<BillingFrequency, () => string> = {
  monthly: m.billing_frequency_monthly,
  annual: m.billing_frequency_annual,
};

/** A subscription status in the person's language. */
export const statusName = (status: Lifecycle): string => STATUS[status]();

/** A purchase channel in the person's language. */
export const channelName = (channel: Channel): string => CHANNEL[channel]();

export const frequencyName = (frequency: BillingFrequency): string => FREQUENCY[frequency]();

/** BILL-5: the reasons offered when cancelling; the engine records the id. */
export const CANCEL_REASONS = [
  { id: 'no-longer-needed', label: m.billing_reason_not_needed },
  { id: 'too-expensive', label: m.billing_reason_too_expensive },
  { id: 'switching-product', label: m.billing_reason_switching },
  { id: 'missing-features', label: m.billing_reason_missing_features },
  { id: 'other', label: m.billing_reason_other },
] as const;
