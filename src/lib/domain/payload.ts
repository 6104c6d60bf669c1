import { InvalidInput } from './refusal';

/** Typed reads from an untrusted command payload; a wrong shape is INVALID_INPUT. */
export type Payload = Readonly<Record<string, unknown>>;

export function asPayload(value: unknown): Payload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInput('payload', 'must be an object');
  }
  return value as Payload;
}

export function text(p: Payload, key: string): string {
  const v = p[key];
  if (typeof v !== 'string' || v.trim() === '')
    throw new InvalidInput(key, 'must be a non-empty string');
  return v;
}

export function optionalText(p: Payload, key: string): string | null {
  return p[key] === undefined || p[key] === null ? null : text(p, key);
}

export function number(p: Payload, key: string): number {
  const v = p[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InvalidInput(key, 'must be a number');
  return v;
}

export function boolean(p: Payload, key: string): boolean {
  const v = p[key];
  if (typeof v !== 'boolean') throw new InvalidInput(key, 'must be true or false');
  return v;
}

export function optionalBoolean(p: Payload, key: string): boolean | null {
  return p[key] === undefined ? null : boolean(p, key);
}

export function oneOf<T extends string>(p: Payload, key: string, allowed: readonly T[]): T {
  const v = p[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new InvalidInput(key, `must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

export function optionalOneOf<T extends string>(
  p: Payload,
  key: string,
  allowed: readonly T[],
): T | null {
  return p[key] === undefined ? null : oneOf(p, key, allowed);
}

/** Repeats are dropped unless `keepRepeats` (a product key entered twice is an error). */
export function textList(
  p: Payload,
  key: string,
  { nonEmpty = true, keepRepeats = false } = {},
): string[] {
  const v = p[key];
  if (!Array.isArray(v) || v.some((item) => typeof item !== 'string' || item.trim() === '')) {
    throw new InvalidInput(key, 'must be a list of non-empty strings');
  }
  if (nonEmpty && v.length === 0) throw new InvalidInput(key, 'must not be empty');
  return keepRepeats ? [...(v as string[])] : [...new Set(v as string[])];
}

export function optionalTextList(p: Payload, key: string): string[] | null {
  return p[key] === undefined ? null : textList(p, key, { nonEmpty: false });
}

export function objectList(p: Payload, key: string, { nonEmpty = true } = {}): Payload[] {
  const v = p[key];
  if (!Array.isArray(v)) throw new InvalidInput(key, 'must be a list');
  if (nonEmpty && v.length === 0) throw new InvalidInput(key, 'must not be empty');
  return v.map((item) => asPayload(item));
}

export function optionalObject(p: Payload, key: string): Payload | null {
  return p[key] === undefined ? null : asPayload(p[key]);
}
