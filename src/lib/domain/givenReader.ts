import type {
  GivenAssignment,
  GivenProductKey,
  GivenSubscription,
  GivenUser,
  Imported,
} from './seed';
import { parseInstant, type Instant } from './time';
import {
  BILLING_FREQUENCIES,
  BILLING_ROLES,
  CHANNELS,
  DIRECTORY_ROLES,
  USER_KINDS,
  type Role,
  type UnknownProduct,
} from './types';

/** Input (a scenario, an import) that does not have the expected shape; `path` says where. */
export class MalformedInput extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

export type Json = Record<string, unknown>;

const STATUSES = ['Trial', 'Active', 'Expired', 'Disabled', 'Cancelled'] as const;
const ROLES: readonly Role[] = [...DIRECTORY_ROLES, ...BILLING_ROLES];

export function asObject(path: string, value: unknown): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedInput(path, 'must be an object');
  }
  return value as Json;
}

/** Reads fields of one JSON object, naming the path in every complaint. */
export class Reader {
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
    throw new MalformedInput(`${this.path}.${key}`, detail);
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

export function readUser(path: string, value: unknown): GivenUser {
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

export function readSubscription(path: string, value: unknown): GivenSubscription {
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

export function readAssignment(path: string, value: unknown): GivenAssignment {
  const r: Reader = Reader.of(path, value, ['user', 'subscription', 'disabledPlans']);
  return {
    user: r.string('user'),
    subscription: r.string('subscription'),
    disabledPlans: r.strings('disabledPlans'),
  };
}

export function readProductKey(path: string, value: unknown): GivenProductKey {
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

/** The importTenant payload: people, subscriptions, assignments and product keys. */
export function readUnknownProduct(path: string, value: unknown): UnknownProduct {
  const r: Reader = Reader.of(path, value, ['skuId', 'name', 'purchased', 'holders']);
  const purchased = r.value['purchased'] === null ? null : r.number('purchased');
  if (typeof purchased === 'number' && (!Number.isInteger(purchased) || purchased < 0))
    r.fail('purchased', 'must be a whole number');
  return {
    skuId: r.nullableString('skuId') ?? null,
    name: r.string('name'),
    purchased: purchased ?? null,
    holders: r.strings('holders') ?? [],
  };
}

export function readImported(value: unknown): Imported {
  const r = Reader.of('import', value, [
    'users',
    'subscriptions',
    'assignments',
    'productKeys',
    'unknownProducts',
  ]);
  const each = <T>(key: string, read: (path: string, v: unknown) => T) =>
    (r.list(key) ?? []).map((item, i) => read(`import.${key}[${i}]`, item));
  return {
    users: each('users', readUser),
    subscriptions: each('subscriptions', readSubscription),
    assignments: each('assignments', readAssignment),
    productKeys: each('productKeys', readProductKey),
    unknownProducts: each('unknownProducts', readUnknownProduct),
  };
}
