import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from './catalogue/catalogue';
import { execute, type Command } from './engine';
import { violations } from './invariants';
import { seedTenant, type Given } from './seed';
import { DAY, parseInstant } from './time';
import type { BillingAccountType, Tenant } from './types';

const catalogue = await loadCatalogue();
const START = parseInstant('2026-03-01T09:00:00Z')!;
const PEOPLE = ['ann', 'bo', 'cy', 'di', 'ed', 'fi'];
const SUBSCRIPTIONS = ['e3', 'bp', 'ex'];

function given(type: BillingAccountType): Given {
  return {
    billingAccountType: type,
    start: START,
    users: [
      { id: 'ann', usageLocation: 'SE', roles: ['GlobalAdministrator', 'BillingAccountOwner'] },
      { id: 'bo', usageLocation: 'DK', roles: ['BillingAdministrator'] },
      { id: 'cy', usageLocation: 'SE', roles: ['LicenseAdministrator'] },
      { id: 'di', usageLocation: 'NO', roles: ['UserAdministrator'] },
      { id: 'ed', usageLocation: 'SE' },
      { id: 'fi' },
    ].map((u) =>
      type === 'MOSA' ? { ...u, roles: u.roles?.filter((r) => r !== 'BillingAccountOwner') } : u,
    ) as Given['users'],
    subscriptions: [
      { id: 'e3', product: 'ENTERPRISEPACK', total: 3, purchasedAt: START - 20 * DAY },
      { id: 'bp', product: 'SPB', total: 2, purchasedAt: START - 3 * DAY },
      { id: 'ex', product: 'EXCHANGESTANDARD', total: 1, channel: 'Prepaid' },
    ],
    assignments: [{ user: 'ed', subscription: 'e3' }],
    productKeys: [
      {
        key: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE',
        product: 'EXCHANGESTANDARD',
        licenses: 2,
        extendsMonths: 12,
      },
    ],
  };
}

const person = fc.constantFrom(...PEOPLE);
const people = fc.uniqueArray(fc.constantFrom(...PEOPLE, 'ghost'), { minLength: 1, maxLength: 4 });
const subscription = fc.constantFrom(...SUBSCRIPTIONS);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc
    .record({
      subscription,
      total: fc.integer({ min: -1, max: 8 }),
      when: fc.constantFrom('now', 'renewal'),
    })
    .map((payload) => ({ type: 'setTotalLicenses', payload })),
  fc
    .record({ subscription, users: people })
    .map((payload) => ({ type: 'assignLicenses', payload })),
  fc
    .record({ subscription, users: people })
    .map((payload) => ({ type: 'unassignLicenses', payload })),
  fc.record({ user: person }).map((payload) => ({ type: 'deleteUser', payload })),
  fc.record({ user: person }).map((payload) => ({ type: 'restoreUser', payload })),
  fc
    .record({ subscription, on: fc.boolean() })
    .map((payload) => ({ type: 'setRecurringBilling', payload })),
  fc
    .record({
      users: people,
      mode: fc.constantFrom('add', 'replace'),
      licenses: fc
        .uniqueArray(subscription, { maxLength: 2 })
        .map((ids) => ids.map((id) => ({ subscription: id }))),
    })
    .map((payload) => ({ type: 'setUserLicenses', payload })),
  fc
    .record({ subscription: fc.constant('ex'), keys: fc.constant(['AAAAABBBBBCCCCCDDDDDEEEEE']) })
    .map((payload) => ({ type: 'redeemProductKeys', payload })),
  fc
    .record({ user: person, role: fc.constantFrom('GlobalAdministrator', 'LicenseAdministrator') })
    .map((payload) => ({ type: 'removeRole', payload })),
  fc
    .record({ user: person, role: fc.constantFrom('GlobalAdministrator', 'UserAdministrator') })
    .map((payload) => ({ type: 'assignRole', payload })),
  fc
    .record({
      id: fc.constantFrom('gu', 'hy'),
      displayName: fc.constant('New person'),
      usageLocation: fc.constantFrom('SE', undefined),
      licenses: fc
        .uniqueArray(subscription, { maxLength: 2 })
        .map((ids) => ids.map((id) => ({ subscription: id }))),
    })
    .map((payload) => ({ type: 'addUser', payload })),
  fc
    .record({
      id: fc.constantFrom('pbi', 'e5'),
      product: fc.constantFrom('POWER_BI_PRO', 'SPE_E5'),
      total: fc.integer({ min: 0, max: 4 }),
      billingFrequency: fc.constantFrom('monthly', 'annual'),
      trial: fc.boolean(),
    })
    .map((payload) => ({ type: 'buySubscription', payload })),
  fc
    .record({
      subscription: fc.constantFrom(...SUBSCRIPTIONS, 'pbi'),
      reason: fc.constant('Too expensive'),
    })
    .map((payload) => ({ type: 'cancelSubscription', payload })),
  fc
    .record({
      user: person,
      subscription,
      disabledPlans: fc.uniqueArray(
        fc.constantFrom('EXCHANGE_S_ENTERPRISE', 'TEAMS1', 'NOT_A_PLAN'),
        {
          maxLength: 2,
        },
      ),
    })
    .map((payload) => ({ type: 'setServicePlans', payload })),
);

const step = fc.record({ as: person, advanceHours: fc.integer({ min: 0, max: 24 * 12 }), command });

function checkInvariants(tenant: Tenant, now: number): void {
  expect(violations(tenant, now)).toEqual([]);
}

/** MCA-2, checked from the recorded history rather than the engine's own window. */
function removalWasInWindow(tenant: Tenant, id: string, now: number, removed: number): boolean {
  const s = tenant.subscriptions[id];
  const term = s.billingFrequency === 'annual' ? 12 : 1;
  let periodStart = s.purchasedAt;
  for (let k = 1; ; k++) {
    const next = new Date(s.purchasedAt);
    next.setUTCMonth(next.getUTCMonth() + k * term);
    if (next.getTime() > now || next.getUTCDate() !== new Date(s.purchasedAt).getUTCDate()) break;
    periodStart = next.getTime();
  }
  if (now - periodStart <= 7 * DAY) return true;
  const recent = s.changes.filter((c) => c.kind === 'now' && now - c.at <= 7 * DAY && c.at < now);
  const bought = recent.reduce((n, c) => n + Math.max(0, c.to - c.from), 0);
  const alreadyRemoved = recent.reduce((n, c) => n + Math.max(0, c.from - c.to), 0);
  return removed <= bought - alreadyRemoved;
}

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

describe('random command sequences keep every invariant', () => {
  for (const type of ['MOSA', 'MCA'] as const) {
    it(
      `${type}: assigned ≤ valid, no license on a deleted user, no removal outside its window, refusals change nothing`,
      () => {
        fc.assert(
          fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
            const tenant = seedTenant(given(type), catalogue);
            let now = START;
            for (const { as, advanceHours, command } of steps) {
              now += advanceHours * 3600 * 1000;
              const before = JSON.stringify(tenant);
              const totalBefore = Object.fromEntries(
                Object.values(tenant.subscriptions).map((s) => [s.id, s.total]),
              );
              const outcome = execute(tenant, command, { now, author: as, catalogue });
              if (!outcome.ok) {
                // advance() may apply a scheduled change; run it alone and compare.
                const alone = seedTenant(given(type), catalogue);
                Object.assign(alone, JSON.parse(before) as Tenant);
                execute(
                  alone,
                  { type: 'completeCreditCheck', payload: { subscription: 'none' } },
                  { now, author: null, catalogue },
                );
                expect(JSON.stringify(tenant)).toBe(JSON.stringify(alone));
              } else if (type === 'MCA' && command.type === 'setTotalLicenses') {
                const p = command.payload as { subscription: string; total: number; when: string };
                const removed = (totalBefore[p.subscription] ?? 0) - p.total;
                if (p.when === 'now' && removed > 0) {
                  // The change is recorded already; judge it against history before it.
                  tenant.subscriptions[p.subscription].changes.pop();
                  expect(removalWasInWindow(tenant, p.subscription, now, removed)).toBe(true);
                  tenant.subscriptions[p.subscription].changes.push({
                    at: now,
                    from: p.total + removed,
                    to: p.total,
                    unitPrice: 0,
                    kind: 'now',
                  });
                }
              }
              checkInvariants(tenant, now);
            }
          }),
          { numRuns: RUNS },
        );
      },
      10_000 + RUNS * 20,
    );
  }
});
