import type { Catalogue, Product } from '../domain/catalogue/catalogue';
import type { UnknownProduct } from '../domain/types';
import type { GivenAssignment, GivenUser } from '../domain/seed';
import { readCsv } from './csvReader';
import type { ImportFile } from './graphImport';
import {
  ImportRefused,
  previewOf,
  type ImportPreview,
  type ImportRemark,
  type Progress,
} from './importPreview';
import { importText } from './importText';
import { productsNamed } from './productNames';
import { subscriptionIdOf, usageLocationOf, userIdOf } from './tenantIds';

const REQUIRED = ['User principal name', 'Display name', 'Licenses'] as const;
const OPTIONAL = ['Usage location', 'Department', 'Block credential'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** The admin center's own wording for a user with no license. */
export const UNLICENSED = 'Unlicensed';

const PROGRESS_EVERY = 500;

const headerKey = (name: string) => name.replace(/[\s_]+/g, '').toLowerCase();

function columnsOf(header: string[], file: string): Map<Column, number> {
  const positions = new Map(header.map((name, i) => [headerKey(name), i]));
  const columns = new Map<Column, number>();
  for (const column of [...REQUIRED, ...OPTIONAL]) {
    const at = positions.get(headerKey(column));
    if (at !== undefined) columns.set(column, at);
  }
  const missing = REQUIRED.filter((column) => !columns.has(column));
  if (missing.length) {
    throw new ImportRefused(
      file,
      'NOT_ACTIVE_USERS',
      `is not the admin center's Active users export: it has no ${missing.map((c) => `"${c}"`).join(', ')} column${missing.length > 1 ? 's' : ''}`,
    );
  }
  return columns;
}

/**
 * The importTenant payload for the admin center's Active users export (CSV). The export does
 * not say how many licenses were bought, so each product becomes one subscription with as many
 * licenses as are assigned. Pure and synchronous; throws ImportRefused when the file as a whole
 * cannot be read (too big, not UTF-8 or UTF-16, wrong columns).
 */
export function importAdminCenterCsv(
  file: ImportFile,
  catalogue: Catalogue,
  onProgress: Progress = () => {},
): ImportPreview {
  const { records, problems: broken } = readCsv(importText(file.content, file.name));
  const problems: ImportRemark[] = broken.map((p) => ({
    where: `${file.name} line ${p.line}`,
    why: p.why,
  }));
  const notes: ImportRemark[] = [];
  const [header, ...rows] = records;
  if (!header) throw new ImportRefused(file.name, 'EMPTY', 'is empty');
  const columns = columnsOf(header.fields, file.name);
  const width = Math.max(...columns.values()) + 1;

  const users: GivenUser[] = [];
  const assignments: GivenAssignment[] = [];
  const held = new Map<Product, number>();
  const unknown = new Map<string, UnknownProduct>();
  const seen = new Set<string>();
  rows.forEach(({ fields, line }, i) => {
    if (i % PROGRESS_EVERY === 0) onProgress(i, rows.length);
    const where = `${file.name} line ${line}`;
    if (fields.length < width) {
      problems.push({
        where,
        why: `has ${fields.length} fields; the header has ${header.fields.length}`,
      });
      return;
    }
    const cell = (column: Column) => {
      const at = columns.get(column);
      return at === undefined ? '' : fields[at].trim();
    };
    const upn = cell('User principal name');
    if (!upn) {
      problems.push({ where, why: 'has no user principal name' });
      return;
    }
    const id = userIdOf(upn);
    if (seen.has(id)) {
      problems.push({ where, why: `${upn} appears twice; the first is kept` });
      return;
    }
    seen.add(id);
    const usageLocation = usageLocationOf(cell('Usage location'));
    if (usageLocation === null && cell('Usage location')) {
      notes.push({
        where,
        why: `${upn}: usage location "${cell('Usage location')}" is not a country code; left empty`,
      });
    }
    users.push({
      id,
      displayName: cell('Display name') || upn,
      usageLocation,
      department: cell('Department') || null,
    });
    if (cell('Block credential').toLowerCase() === 'true') {
      notes.push({
        where,
        why: `${upn}: sign-in is blocked in the tenant; Seats does not keep that, so they are imported as any other user`,
      });
    }
    const licenses = cell('Licenses');
    if (!licenses || licenses.toLowerCase() === UNLICENSED.toLowerCase()) return;
    const named = productsNamed(licenses, catalogue);
    for (const product of named.products) {
      held.set(product, (held.get(product) ?? 0) + 1);
      assignments.push({ user: id, subscription: subscriptionIdOf(product), disabledPlans: [] });
    }
    for (const name of named.unknown) {
      const entry = unknown.get(name) ?? { skuId: null, name, purchased: null, holders: [] };
      entry.holders.push(id);
      unknown.set(name, entry);
      notes.push({
        where,
        why: `${upn} holds "${name}", which is not a product in Seats' catalogue: it is kept under unknown products, and cannot be assigned here`,
      });
    }
  });
  onProgress(rows.length, rows.length);

  const subscriptions = [...held].map(([product, total]) => ({
    id: subscriptionIdOf(product),
    product: product.stringId,
    total,
    status: 'Active' as const,
  }));
  if (subscriptions.length) {
    notes.push({
      where: file.name,
      why: 'the export does not say how many licenses were bought: each product gets as many as are assigned, Direct, monthly, at list price; correct them on Your products',
    });
  }
  return previewOf({ users, subscriptions, assignments, productKeys: [] }, problems, notes, [
    ...unknown.values(),
  ]);
}
