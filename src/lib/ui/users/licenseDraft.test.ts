import { describe, expect, it } from 'vitest';
import {
  draftFrom,
  isChanged,
  offered,
  removed,
  togglePlan,
  wanted,
  type HeldLicense,
  type LicenseChoice,
} from './licenseDraft';

const held: HeldLicense[] = [
  { subscription: 'e3', product: 'ENTERPRISEPACK', disabledPlans: ['YAMMER_ENTERPRISE'] },
  { subscription: 'visio', product: 'VISIOCLIENT', disabledPlans: [] },
];

function choice(subscription: string, allowed: boolean): LicenseChoice {
  return {
    subscription,
    product: subscription,
    productName: subscription,
    status: 'Active',
    valid: 5,
    expired: 0,
    assigned: 1,
    available: 4,
    servicePlans: [],
    assign: allowed ? { allowed: true } : { allowed: false, reason: 'READ_ONLY', message: 'no' },
  };
}

describe('the Licenses and apps draft', () => {
  it('starts as the user has it, and is unchanged until something changes', () => {
    const draft = draftFrom(held);
    expect(wanted(draft)).toEqual([
      { subscription: 'e3', disabledPlans: ['YAMMER_ENTERPRISE'] },
      { subscription: 'visio', disabledPlans: [] },
    ]);
    expect(isChanged(draft, held)).toBe(false);
    expect(removed(draft, held)).toEqual([]);
  });

  it('turns apps on and off, and licenses on and off (ASG-3, DATA-1)', () => {
    const draft = draftFrom(held);
    togglePlan(draft, 'e3', 'YAMMER_ENTERPRISE', true);
    togglePlan(draft, 'e3', 'SWAY', false);
    expect(draft['e3']?.disabledPlans).toEqual(['SWAY']);
    expect(isChanged(draft, held)).toBe(true);
    draft['visio'] = { on: false, disabledPlans: [] };
    draft['e5'] = { on: true, disabledPlans: [] };
    expect(wanted(draft).map((w) => w.subscription)).toEqual(['e3', 'e5']);
    expect(removed(draft, held).map((h) => h.subscription)).toEqual(['visio']);
  });

  it('offers what the admin may assign plus what the user already has', () => {
    const choices = [choice('e3', true), choice('visio', false), choice('rep', false)];
    expect(offered(choices, held).map((c) => c.subscription)).toEqual(['e3', 'visio']);
  });
});
