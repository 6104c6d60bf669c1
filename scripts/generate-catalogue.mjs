#!/usr/bin/env node
// Builds src/lib/domain/catalogue/products.json from Microsoft's licensing CSV and prices.csv.
// Usage: node scripts/generate-catalogue.mjs [dataDir] [outFile]
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_DATA_DIR = join(repoRoot, 'data/catalogue');
const DEFAULT_OUT_FILE = join(repoRoot, 'src/lib/domain/catalogue/products.json');

const PLANS_FILE = 'licensing-service-plan-reference.csv';
const PRICES_FILE = 'prices.csv';
const PLANS_HEADER = [
  'Product_Display_Name',
  'String_Id',
  'GUID',
  'Service_Plan_Name',
  'Service_Plan_Id',
  'Service_Plans_Included_Friendly_Names',
];
const PRICES_HEADER = [
  'String_Id',
  'list_price_usd_cents_per_user_month',
  'self_service_purchase',
  'max_licenses',
  'end_of_sale',
];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * RFC 4180 parser (plus a leading BOM and bare LF line ends).
 * @param {string} text
 * @returns {{ line: number, fields: string[] }[]} records with the line each starts on
 */
export function parseCsv(text) {
  /** @type {{ line: number, fields: string[] }[]} */
  const records = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const record = { line, fields: /** @type {string[]} */ ([]) };
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        const openedOn = line;
        i++;
        for (;;) {
          if (i >= text.length) throw new Error(`line ${openedOn}: unterminated quoted field`);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] !== '"') break;
            field += '"';
            i += 2;
          } else {
            if (c === '\n') line++;
            field += c;
            i++;
          }
        }
        i++;
        if (i < text.length && !',\r\n'.includes(text[i]))
          throw new Error(`line ${line}: unexpected character after closing quote`);
      } else {
        while (i < text.length && !',\r\n'.includes(text[i])) {
          if (text[i] === '"') throw new Error(`line ${line}: quote inside unquoted field`);
          field += text[i++];
        }
      }
      record.fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    records.push(record);
  }
  return records;
}

/**
 * Reads a CSV whose header must equal `header`; every field is trimmed.
 * @param {string} path
 * @param {string[]} header
 */
function readTable(path, header) {
  const [head, ...rows] = parseCsv(readFileSync(path, 'utf8'));
  const actual = (head?.fields ?? []).map((f) => f.trim());
  if (actual.join(',') !== header.join(','))
    throw new Error(`${path}: expected header ${header.join(',')}, got ${actual.join(',')}`);
  return rows.map(({ line, fields }) => {
    if (fields.length !== header.length)
      throw new Error(`${path}:${line}: expected ${header.length} fields, got ${fields.length}`);
    return { line, values: fields.map((f) => f.trim()) };
  });
}

/** @param {string} dataDir */
function expectedProductCount(dataDir) {
  const path = join(dataDir, 'README.md');
  const counts = new Set(
    [...readFileSync(path, 'utf8').matchAll(/\b(\d+) products\b/g)].map((m) => m[1]),
  );
  if (counts.size !== 1) throw new Error(`${path}: expected exactly one "<n> products." statement`);
  return Number([...counts][0]);
}

/** @param {string} path */
function readProducts(path) {
  /** @type {Map<string, { stringId: string, guid: string, displayName: string, plans: Map<string, string[]> }>} */
  const products = new Map();
  for (const { line, values } of readTable(path, PLANS_HEADER)) {
    const [displayName, stringId, rawGuid, planName, rawPlanId, friendlyName] = values;
    const where = `${path}:${line}`;
    const emptyAt = values.findIndex((v) => v === '');
    if (emptyAt >= 0) throw new Error(`${where}: empty ${PLANS_HEADER[emptyAt]}`);
    if (!GUID.test(rawGuid))
      throw new Error(`${where}: GUID is not a GUID: ${JSON.stringify(rawGuid)}`);
    if (!GUID.test(rawPlanId))
      throw new Error(`${where}: Service_Plan_Id is not a GUID: ${JSON.stringify(rawPlanId)}`);
    const guid = rawGuid.toLowerCase();
    const planId = rawPlanId.toLowerCase();
    let product = products.get(guid);
    if (!product) {
      product = { stringId, guid, displayName, plans: new Map() };
      products.set(guid, product);
    } else if (product.stringId !== stringId || product.displayName !== displayName) {
      throw new Error(
        `${where}: GUID ${guid} was already "${product.displayName}" (${product.stringId})`,
      );
    }
    // The CSV repeats some plans under a second name; the first row is the one kept.
    if (!product.plans.has(planId)) product.plans.set(planId, [planName, planId, friendlyName]);
  }
  return products;
}

/** @param {string} path */
function readPrices(path) {
  /** @type {Map<string, { listPrice: number, selfService: boolean, maxLicenses: number | null, endOfSale: boolean }>} */
  const prices = new Map();
  for (const { line, values } of readTable(path, PRICES_HEADER)) {
    const [stringId, price, selfService, maxLicenses, endOfSale] = values;
    const where = `${path}:${line}`;
    if (stringId === '') throw new Error(`${where}: empty String_Id`);
    if (prices.has(stringId)) throw new Error(`${where}: duplicate String_Id ${stringId}`);
    if (!/^\d+$/.test(price))
      throw new Error(`${where}: list price must be whole cents, got ${JSON.stringify(price)}`);
    if (maxLicenses !== '' && !/^[1-9]\d*$/.test(maxLicenses))
      throw new Error(
        `${where}: max_licenses must be empty or a positive integer, got ${JSON.stringify(maxLicenses)}`,
      );
    prices.set(stringId, {
      listPrice: Number(price),
      selfService: yesNo(selfService, `${where}: self_service_purchase`),
      maxLicenses: maxLicenses === '' ? null : Number(maxLicenses),
      endOfSale: yesNo(endOfSale, `${where}: end_of_sale`),
    });
  }
  return prices;
}

/**
 * @param {string} value
 * @param {string} what
 */
function yesNo(value, what) {
  if (value !== 'yes' && value !== 'no')
    throw new Error(`${what} must be yes or no, got ${JSON.stringify(value)}`);
  return value === 'yes';
}

/** @param {Buffer} bytes */
function sha256(bytes) {
  return 'sha256:' + createHash('sha256').update(bytes).digest('hex');
}

/**
 * @param {string} dataDir
 * @returns {{ json: string, productCount: number, planCount: number }}
 */
export function generate(dataDir) {
  const plansPath = join(dataDir, PLANS_FILE);
  const pricesPath = join(dataDir, PRICES_FILE);
  const products = readProducts(plansPath);
  const expected = expectedProductCount(dataDir);
  if (products.size !== expected)
    throw new Error(
      `${plansPath}: found ${products.size} distinct product GUIDs, the data README says ${expected}`,
    );

  const prices = readPrices(pricesPath);
  const stringIds = new Set([...products.values()].map((p) => p.stringId));
  for (const stringId of prices.keys())
    if (!stringIds.has(stringId))
      throw new Error(`${pricesPath}: String_Id ${stringId} matches no product`);

  // One product per line and one plan per line: small, yet diffs stay readable.
  const lines = [...products.values()].map((p) => {
    const price = prices.get(p.stringId);
    const head = JSON.stringify({
      stringId: p.stringId,
      guid: p.guid,
      displayName: p.displayName,
      listPrice: price?.listPrice ?? null,
      selfService: price?.selfService ?? false,
      maxLicenses: price?.maxLicenses ?? null,
      endOfSale: price?.endOfSale ?? false,
    }).slice(0, -1);
    const plans = [...p.plans.values()].map((plan) => '      ' + JSON.stringify(plan));
    return `    ${head},"servicePlans":[\n${plans.join(',\n')}\n    ]}`;
  });
  const source = `Microsoft, "Product names and service plan identifiers for licensing" (${PLANS_FILE}), joined with ${PRICES_FILE} by String_Id`;
  const inputs = {
    [PLANS_FILE]: sha256(readFileSync(plansPath)),
    [PRICES_FILE]: sha256(readFileSync(pricesPath)),
  };
  const json = `{\n  "source": ${JSON.stringify(source)},\n  "inputs": ${JSON.stringify(inputs)},\n  "products": [\n${lines.join(',\n')}\n  ]\n}\n`;
  const planCount = [...products.values()].reduce((n, p) => n + p.plans.size, 0);
  return { json, productCount: products.size, planCount };
}

function main() {
  const [dataDir = DEFAULT_DATA_DIR, outFile = DEFAULT_OUT_FILE] = process.argv.slice(2);
  try {
    const { json, productCount, planCount } = generate(resolve(dataDir));
    mkdirSync(dirname(resolve(outFile)), { recursive: true });
    writeFileSync(resolve(outFile), json);
    const size = Buffer.byteLength(json);
    console.log(
      `wrote ${outFile}: ${productCount} products, ${planCount} service plans, ${size} bytes`,
    );
  } catch (error) {
    console.error(`generate-catalogue: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
