import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Command } from '../domain/engine';
import { violations } from '../domain/invariants';
import { syncPair } from '../scenario/devices';
import { testDevices } from './testDevices';

const PEOPLE = ['ann', 'bo', 'cy', 'di', 'ed'];
const person = fc.constantFrom(...PEOPLE);
const users = fc.uniqueArray(fc.constantFrom(...PEOPLE), { minLength: 1, maxLength: 3 });

const command: fc.Arbitrary<Command> = fc.oneof(
  fc
    .record({ subscription: fc.constant('e3'), users })
    .map((payload) => ({ type: 'assignLicenses', payload })),
  fc
    .record({ subscription: fc.constant('e3'), users })
    .map((payload) => ({ type: 'unassignLicenses', payload })),
  fc
    .record({ subscription: fc.constant('e3'), total: fc.integer({ min: 1, max: 6 }) })
    .map((payload) => ({ type: 'setTotalLicenses', payload })),
  fc.record({ user: person }).map((payload) => ({ type: 'deleteUser', payload })),
  fc.record({ user: person }).map((payload) => ({ type: 'restoreUser', payload })),
  fc
    .record({ user: person, role: fc.constantFrom('GlobalAdministrator', 'LicenseAdministrator') })
    .map((payload) => ({ type: 'removeRole', payload })),
  fc
    .record({ user: person, role: fc.constantFrom('GlobalAdministrator', 'LicenseAdministrator') })
    .map((payload) => ({ type: 'assignRole', payload })),
  fc
    .record({
      user: person,
      subscription: fc.constant('e3'),
      disabledPlans: fc.uniqueArray(fc.constantFrom('TEAMS1', 'SWAY', 'EXCHANGE_S_ENTERPRISE'), {
        maxLength: 2,
      }),
    })
    .map((payload) => ({ type: 'setServicePlans', payload })),
  // SYNC-5: revocations cut by op number, wherever the cut ops sort; without
  // afterSeq, the replica stamps the last op of the device it has seen.
  fc
    .record(
      { device: fc.constantFrom('d0', 'd1', 'd2', 'd3', 'd4'), afterSeq: fc.nat(4) },
      { requiredKeys: ['device'] },
    )
    .map((payload) => ({ type: 'revokeDevice', payload })),
);

type Step =
  | { kind: 'command'; device: number; as: string; command: Command; minutes: number }
  | { kind: 'sync'; a: number; b: number }
  // A screen reading the state between changes (it works out the engine's indexes outside any op).
  | { kind: 'look'; device: number }
  // The app closed and opened again: the replica starts from its snapshot.
  | { kind: 'restart'; device: number };

const step = (devices: number): fc.Arbitrary<Step> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('command' as const),
        device: fc.nat(devices - 1),
        as: person,
        command,
        minutes: fc.nat(90),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('sync' as const),
        a: fc.nat(devices - 1),
        b: fc.nat(devices - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('look' as const), device: fc.nat(devices - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('restart' as const), device: fc.nat(devices - 1) }),
    },
  );

const scenario = fc.integer({ min: 2, max: 5 }).chain((devices) =>
  fc.record({
    devices: fc.constant(devices),
    steps: fc.array(step(devices), { minLength: 1, maxLength: 30 }),
  }),
);

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);

describe('merging offline work (SYNC-2, SYNC-3)', () => {
  it(
    'random commands on 2–5 devices, random partial syncs, then a full sync: identical states, rules hold, nothing lost',
    async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ devices: count, steps }) => {
          const names = Array.from({ length: count }, (_, i) => `d${i}`);
          const { devices, start, restart } = await testDevices(names);
          const replicas = names.map((name) => devices.get(name)!);
          let now = start;
          let recorded = 0;
          for (const s of steps) {
            if (s.kind === 'sync') {
              if (s.a !== s.b) await syncPair(replicas[s.a], replicas[s.b], now);
              continue;
            }
            if (s.kind === 'look') {
              replicas[s.device].query('licenses', { subscription: 'e3' }, now);
              continue;
            }
            if (s.kind === 'restart') {
              replicas[s.device] = await restart(replicas[s.device]);
              continue;
            }
            now += s.minutes * 60_000;
            const outcome = await replicas[s.device].execute(s.command, s.as, now);
            if (outcome.op) recorded++;
          }
          for (let round = 0; round < replicas.length; round++) {
            for (let i = 0; i + 1 < replicas.length; i++)
              await syncPair(replicas[i], replicas[i + 1], now);
          }
          const states = replicas.map((r) => r.derivedState());
          expect(new Set(states).size).toBe(1);
          for (const replica of replicas) {
            expect(violations(replica.tenant, now)).toEqual([]);
            // Every op recorded anywhere is in every log, applied or listed as a conflict.
            expect(replica.opCount).toBe(recorded);
          }
        }),
        { numRuns: RUNS },
      );
    },
    30_000 + RUNS * 100,
  );
});
