import { COMMANDS } from '../domain/commands';
import {
  asObject,
  MalformedInput,
  Reader,
  readAssignment,
  readProductKey,
  readSubscription,
  readUser,
} from '../domain/givenReader';
import { QUERIES } from '../domain/queries';
import { ERROR_CODES } from '../domain/refusal';
import type { Given } from '../domain/seed';
import { parseInstant } from '../domain/time';
import { BILLING_ACCOUNT_TYPES } from '../domain/types';
import {
  DEFAULT_DEVICE,
  DEFAULT_START,
  type Expectation,
  type Scenario,
  type Step,
} from './scenario';

function given(value: unknown): { given: Given; devices: string[] } {
  const r: Reader = Reader.of('given', value, [
    'name',
    'start',
    'billingAccountType',
    'devices',
    'users',
    'subscriptions',
    'assignments',
    'productKeys',
  ]);
  const type = r.oneOf('billingAccountType', BILLING_ACCOUNT_TYPES);
  if (!type) r.fail('billingAccountType', 'is required (MCA or MOSA)');
  const devices = r.strings('devices') ?? [DEFAULT_DEVICE];
  if (!devices.length || new Set(devices).size !== devices.length)
    r.fail('devices', 'must name distinct devices');
  const each = <T>(key: string, read: (path: string, v: unknown) => T) =>
    (r.list(key) ?? []).map((item, i) => read(`given.${key}[${i}]`, item));
  return {
    devices,
    given: {
      name: r.optionalString('name'),
      billingAccountType: type,
      start: r.instant('start') ?? parseInstant(DEFAULT_START)!,
      users: each('users', readUser),
      subscriptions: each('subscriptions', readSubscription),
      assignments: each('assignments', readAssignment),
      productKeys: each('productKeys', readProductKey),
    },
  };
}

function expectation(r: Reader): Expectation {
  const v = r.value['expect'];
  if (v === undefined || v === 'ok') return { kind: 'ok' };
  if (v === 'any') return { kind: 'any' };
  const e: Reader = Reader.of(`${r.path}.expect`, v, ['error']);
  const code = e.string('error');
  if (!(ERROR_CODES as readonly string[]).includes(code))
    e.fail('error', `unknown error code "${code}"`);
  return { kind: 'error', code };
}

function step(path: string, value: unknown, devices: string[]): Step {
  const raw = asObject(path, value);
  const kinds = ['do', 'check', 'sync', 'converged'].filter((k) => raw[k] !== undefined);
  if (kinds.length !== 1) {
    throw new MalformedInput(
      path,
      'a step is exactly one of a command ("do"), a "check", a "sync" or "converged"',
    );
  }
  const kind = kinds[0];
  const deviceOf = (r: Reader) => {
    const device = r.optionalString('device');
    if (device === undefined) {
      if (devices.length > 1)
        r.fail('device', `is required: there are several devices (${devices.join(', ')})`);
      return devices[0];
    }
    if (!devices.includes(device)) r.fail('device', `"${device}" is not in given.devices`);
    return device;
  };
  if (kind === 'do') {
    const r: Reader = Reader.of(path, value, ['at', 'device', 'as', 'do', 'with', 'expect']);
    const type = r.string('do');
    if (!Object.hasOwn(COMMANDS, type)) r.fail('do', `unknown command "${type}"`);
    return {
      kind: 'command',
      at: r.instant('at') ?? null,
      device: deviceOf(r),
      as: r.optionalString('as') ?? null,
      type,
      payload: r.object('with') ?? {},
      expect: expectation(r),
    };
  }
  if (kind === 'check') {
    const r: Reader = Reader.of(path, value, ['at', 'device', 'as', 'check', 'with', 'equals']);
    const query = r.string('check');
    if (query !== 'conflicts' && !Object.hasOwn(QUERIES, query))
      r.fail('check', `unknown query "${query}"`);
    if (!r.has('equals')) r.fail('equals', 'is required');
    const args = { ...(r.object('with') ?? {}) };
    const as = r.optionalString('as');
    if (as !== undefined && args['as'] === undefined) args['as'] = as;
    return {
      kind: 'check',
      at: r.instant('at') ?? null,
      device: deviceOf(r),
      query,
      args,
      equals: r.value['equals'],
    };
  }
  const r: Reader = Reader.of(path, value, ['at', kind]);
  const named = r.strings(kind);
  if (!named || named.length < 2) r.fail(kind, 'must name at least two devices');
  const unknown = named.find((d) => !devices.includes(d));
  if (unknown) r.fail(kind, `"${unknown}" is not in given.devices`);
  return { kind: kind as 'sync' | 'converged', at: r.instant('at') ?? null, devices: named };
}

/** Checks a parsed JSON value against SCENARIOS.md; throws MalformedInput. */
export function parseScenario(value: unknown): Scenario {
  const r: Reader = Reader.of('scenario', value, ['name', 'rules', 'given', 'steps']);
  const name = r.string('name');
  const rules = r.strings('rules');
  if (!rules) r.fail('rules', 'is required: the rule IDs the scenario exercises');
  if (!r.has('given')) r.fail('given', 'is required');
  const { given: g, devices } = given(r.value['given']);
  const steps = r.list('steps');
  if (!steps || !steps.length) r.fail('steps', 'must be a non-empty list');
  return {
    name,
    rules,
    given: g,
    devices,
    steps: steps.map((s, i) => step(`steps[${i}]`, s, devices)),
  };
}
