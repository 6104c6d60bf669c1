import { describe, expect, it } from 'vitest';
import { mismatch } from './match';
import { MalformedInput } from '../domain/givenReader';
import { parseScenario } from './parse';

const minimal = {
  name: 'n',
  rules: ['LIC-1'],
  given: { billingAccountType: 'MOSA' },
  steps: [{ check: 'unlicensedUsers', equals: [] }],
};

function complaint(value: unknown): string {
  try {
    parseScenario(value);
  } catch (error) {
    if (error instanceof MalformedInput) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('scenario files', () => {
  it('accepts the minimal shape with its defaults', () => {
    const s = parseScenario(minimal);
    expect(s.devices).toEqual(['main']);
    expect(s.given.start).toBe(Date.UTC(2026, 0, 1));
  });

  it('names the exact place a file is wrong', () => {
    expect(complaint({ ...minimal, given: {} })).toMatch(/given.billingAccountType: is required/);
    expect(complaint({ ...minimal, steps: [{ do: 'fly', as: 'a' }] })).toMatch(
      /steps\[0\].do: unknown command "fly"/,
    );
    expect(complaint({ ...minimal, steps: [{ check: 'licenses' }] })).toMatch(
      /steps\[0\].equals: is required/,
    );
    expect(
      complaint({ ...minimal, steps: [{ do: 'deleteUser', expect: { error: 'NOPE' } }] }),
    ).toMatch(/unknown error code "NOPE"/);
    expect(
      complaint({ ...minimal, steps: [{ do: 'deleteUser', check: 'user', equals: {} }] }),
    ).toMatch(/exactly one of/);
    expect(
      complaint({
        ...minimal,
        given: { billingAccountType: 'MOSA', users: [{ id: 'a', roles: ['King'] }] },
      }),
    ).toMatch(/given.users\[0\].roles: unknown role "King"/);
    expect(complaint({ ...minimal, surprise: 1 })).toMatch(/scenario.surprise: unknown field/);
    expect(
      complaint({ ...minimal, steps: [{ at: 'tomorrow', check: 'user', equals: {} }] }),
    ).toMatch(/steps\[0\].at: must be an ISO 8601 time/);
  });
});

describe('partial matching', () => {
  it('ignores keys the expectation does not name, but matches lists in full and in order', () => {
    expect(mismatch({ valid: 25 }, { valid: 25, assigned: 1 })).toBeNull();
    expect(mismatch({ valid: 25 }, { valid: 24 })).toBe('valid: expected 25, got 24');
    expect(mismatch(['a', 'b'], ['b', 'a'])).toBe('[0]: expected "a", got "b"');
    expect(mismatch([{ id: 'a' }], [{ id: 'a' }, { id: 'b' }])).toMatch(/expected 1 items, got 2/);
    expect(mismatch({ scheduledChange: null }, { scheduledChange: { total: 3 } })).toMatch(
      /expected null/,
    );
  });
});
