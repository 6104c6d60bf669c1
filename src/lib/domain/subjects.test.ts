import { describe, expect, it } from 'vitest';
import { subjectsOf } from './subjects';

describe('subjectsOf', () => {
  it('names the people and subscriptions a license change touches', () => {
    expect(
      subjectsOf('setUserLicenses', {
        users: ['adele', 'lee'],
        mode: 'add',
        licenses: [{ subscription: 'sub-e3', disabledPlans: [] }],
      }),
    ).toEqual({ users: ['adele', 'lee'], subscriptions: ['sub-e3'] });
    expect(subjectsOf('assignLicenses', { subscription: 'sub-e5', users: ['adele'] })).toEqual({
      users: ['adele'],
      subscriptions: ['sub-e5'],
    });
  });

  it('names what addUser and buySubscription create', () => {
    expect(subjectsOf('addUser', { id: 'asa', licenses: [{ subscription: 's1' }] })).toEqual({
      users: ['asa'],
      subscriptions: ['s1'],
    });
    expect(subjectsOf('buySubscription', { id: 's2', product: 'p', total: 3 })).toEqual({
      users: [],
      subscriptions: ['s2'],
    });
  });

  it('ignores what is not a name: ops from other devices are untrusted', () => {
    expect(subjectsOf('assignLicenses', null)).toEqual({ users: [], subscriptions: [] });
    expect(subjectsOf('assignLicenses', { users: [1, {}], subscription: 7 })).toEqual({
      users: [],
      subscriptions: [],
    });
  });
});
