import { describe, expect, it } from 'vitest';
import { matchesFilter } from './subscriptionFilter';

const trial = { status: 'Trial', channel: 'Direct' } as const;
const selfService = { status: 'Active', channel: 'SelfService' } as const;

describe('matchesFilter', () => {
  it('keeps everything for all', () => {
    expect(matchesFilter(trial, 'all')).toBe(true);
  });

  it('filters by status (Trial) and by purchase channel (Self-service)', () => {
    expect(matchesFilter(trial, 'status:Trial')).toBe(true);
    expect(matchesFilter(selfService, 'status:Trial')).toBe(false);
    expect(matchesFilter(selfService, 'channel:SelfService')).toBe(true);
    expect(matchesFilter(trial, 'channel:SelfService')).toBe(false);
  });
});
