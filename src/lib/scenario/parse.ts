import { COMMANDS } from '../domain/commands';
import { QUERIES } from '../domain/queries';
import { ERROR_CODES } from '../domain/refusal';
import type {
  Given,
  GivenAssignment,
  GivenProductKey,
  GivenSubscription,
  GivenUser,
} from '../domain/seed';
import { parseInstant, type Instant } from '../domain/time';
import {
  BILLING_ACCOUNT_TYPES,
  BILLING_FREQUENCIES,
  BILLING_ROLES,
  CHANNELS,
  DIRECTORY_ROLES,
  USER_KINDS,
  type Role,
} from '../domain/types';
import {
  DEFAULT_DEVICE,
  DEFAULT_START,
  type Expectation,
  type Scenario,
  type Step,
} from './scenario';

/** A scenario file that does not follow SCENARIOS.md; `path` says where. */
export class MalformedScenario extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

type Json = Record<string, unknown>;

const STATUSES = ['Trial', 'Active', 'Expired', 'Disabled', 'Cancelled'] as const;
const ROLES: readonly Role[] = [...DIRECTORY_ROLES, ...BILLING_ROLES];

function asObject(path: string, value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedScenario(path, 'must be an object');
  }
  return value as Json;
}

/** Reads fields of one JSON object, naming the path in every complaint. */
class Reader {
  constructor(
    readonly path: string,
    readonly value: Json,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key))
        this.fail(key, `unknown field (expected one of ${allowed.join(', ')})`);
    }
  }

  static of(path: string, value: unknown, allowed: readonly string[]): Reader {
    return new Reader(path, asObject(path, value), allowed);
  }

  fail(key: string, detail: string): never {
    throw new MalformedScenario(`${this.path}.${key}`, detail);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  string(key: string): string {
    const v = this.value[key];
    if (typeof v !== 'string' || v === '') this.fail(key, 'must be a non-empty string');
    return v;
  }

  optionalString(key: string): string | undefined {
    return this.has(key) ? this.string(key) : undefined;
  }

  nullableString(key: string): string | null | undefined {
    return this.value[key] === null ? null : this.optionalString(key);
  }

  number(key: string): number | undefined {
    if (!this.has(key)) return undefined;
    const v = this.value[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(key, 'must be a number');
    return v;
  }

  boolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const v = this.value[key];
    if (typeof v !== 'boolean') this.fail(key, 'must be true or false');
    return v;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    if (!this.has(key)) return undefined;
    const v = this.value[key];
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(key, `must be one of ${allowed.join(', ')}`);
    }
    return v as T;
  }

  instant(key: string): Instant | undefined {
    if (!this.has(key)) return undefined;
    const t = parseInstant(this.string(key));
    if (t === null) this.fail(key, 'must be an ISO 8601 time such as 2026-03-01T09:00:00Z');
    return t;
  }

  list(key: string): unknown[] | undefined {
    if (!this.has(key)) return undefined;
    const v = this.value[key];
    if (!Array.isArray(v)) this.fail(key, 'must be a list');
    return v as unknown[];
  }

  strings(key: string): string[] | undefined {
    const list = this.list(key);
    if (list?.some((item) => typeof item !== 'string')) this.fail(key, 'must be a list of strings');
    return list as string[] | undefined;
  }

  object(key: string): Json | undefined {
    if (!this.has(key)) return undefined;
    return asObject(`${this.path}.${key}`, this.value[key]);
  }
}

function user(path: string, value: unknown): GivenUser {
  const r: Reader = Reader.of(path, value, [
    'id',
    'displayName',
    'usageLocation',
    'roles',
    'kind',
    'mailboxSizeGB',
    'department',
    'deletedAt',
  ]);
  const roles = r.strings('roles');
  const unknown = roles?.find((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown) r.fail('roles', `unknown role "${unknown}" (expected one of ${ROLES.join(', ')})`);
  return {
    id: r.string('id'),
    displayName: r.optionalString('displayName'),
    usageLocation: r.nullableString('usageLocation'),
    roles: roles as Role[] | undefined,
    kind: r.oneOf('kind', USER_KINDS),
    mailboxSizeGB: r.number('mailboxSizeGB'),
    department: r.nullableString('department'),
    deletedAt: r.instant('deletedAt'),
  };
}

function subscription(path: string, value: unknown): GivenSubscription {
  const r: Reader = Reader.of(path, value, [
    'id',
    'product',
    'total',
    'billingFrequency',
    'purchasedAt',
    'channel',
    'status',
    'recurringBilling',
    'creditCheck',
    'purchaser',
    'unitPrice',
    'currency',
    'endOfSale',
  ]);
  const total = r.number('total');
  if (total !== undefined && (!Number.isInteger(total) || total < 1))
    r.fail('total', 'must be a whole number of at least 1');
  return {
    id: r.string('id'),
    product: r.optionalString('product'),
    total,
    billingFrequency: r.oneOf('billingFrequency', BILLING_FREQUENCIES),
    purchasedAt: r.instant('purchasedAt'),
    channel: r.oneOf('channel', CHANNELS),
    status: r.oneOf('status', STATUSES),
    recurringBilling: r.boolean('recurringBilling'),
    creditCheck: r.oneOf('creditCheck', ['pending', 'done'] as const),
    purchaser: r.nullableString('purchaser'),
    unitPrice: r.number('unitPrice'),
    currency: r.optionalString('currency'),
    endOfSale: r.boolean('endOfSale'),
  };
}

function assignment(path: string, value: unknown): GivenAssignment {
  const r: Reader = Reader.of(path, value, ['user', 'subscription', 'disabledPlans']);
  return {
    user: r.string('user'),
    subscription: r.string('subscription'),
    disabledPlans: r.strings('disabledPlans'),
  };
}

function productKey(path: string, value: unknown): GivenProductKey {
  const r: Reader = Reader.of(path, value, ['key', 'product', 'licenses', 'extendsMonths']);
  const licenses = r.number('licenses');
  if (licenses === undefined || !Number.isInteger(licenses) || licenses < 0)
    r.fail('licenses', 'must be a whole number');
  return {
    key: r.string('key'),
    product: r.string('product'),
    licenses,
    extendsMonths: r.number('extendsMonths'),
  };
}

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
      users: each('users', user),
      subscriptions: each('subscriptions', subscription),
      assignments: each('assignments', assignment),
      productKeys: each('productKeys', productKey),
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
    throw new MalformedScenario(
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

/** Checks a parsed JSON value against SCENARIOS.md; throws MalformedScenario. */
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
