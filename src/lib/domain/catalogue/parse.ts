import type { Product, ServicePlan } from './types';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(path: string, expected: string): never {
  throw new Error(`catalogue data: ${path} must be ${expected}`);
}

function text(record: Json, key: string, path: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') fail(`${path}.${key}`, 'a non-empty string');
  return value;
}

function flag(record: Json, key: string, path: string): boolean {
  const value = record[key];
  if (typeof value !== 'boolean') fail(`${path}.${key}`, 'a boolean');
  return value;
}

function count(record: Json, key: string, path: string, min: number): number | null {
  const value = record[key];
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    fail(`${path}.${key}`, `null or an integer >= ${min}`);
  return value;
}

function servicePlan(value: unknown, path: string): ServicePlan {
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    !value.every((part) => typeof part === 'string' && part !== '')
  )
    fail(path, 'a [name, id, friendlyName] tuple of non-empty strings');
  const [name, id, friendlyName] = value as [string, string, string];
  return { name, id, friendlyName };
}

function product(value: unknown, path: string): Product {
  if (!isObject(value)) fail(path, 'an object');
  const plans = value.servicePlans;
  if (!Array.isArray(plans) || plans.length === 0)
    fail(`${path}.servicePlans`, 'a non-empty array');
  return {
    stringId: text(value, 'stringId', path),
    guid: text(value, 'guid', path),
    displayName: text(value, 'displayName', path),
    servicePlans: plans.map((plan, i) => servicePlan(plan, `${path}.servicePlans[${i}]`)),
    listPrice: count(value, 'listPrice', path, 0),
    selfService: flag(value, 'selfService', path),
    maxLicenses: count(value, 'maxLicenses', path, 1),
    endOfSale: flag(value, 'endOfSale', path),
  };
}

/** Validates products.json's shape (`{ products: [...] }`, plans as tuples) into Products. */
export function parseCatalogueData(data: unknown): Product[] {
  if (!isObject(data) || !Array.isArray(data.products))
    fail('root', 'an object with a products array');
  return data.products.map((entry, i) => product(entry, `products[${i}]`));
}
