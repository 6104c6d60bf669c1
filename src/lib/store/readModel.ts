import type { ErrorCode } from '../domain/refusal';
import type { Assignment, Subscription, Tenant, User } from '../domain/types';
import type { Activity } from '../replica/activity';
import type { Conflict } from '../replica/conflict';

/**
 * The materialised read model: the replayed state as rows in indexed tables,
 * so the screens can query them (a user list filtered by department, say)
 * without the whole tenant. Every row carries its tenant id. Rows are copies:
 * the replica changes its tenant in place.
 */

/** A person, with the subscriptions they hold a license of. */
export interface UserRow extends User {
  tenant: string;
  licenses: string[];
}

export interface SubscriptionRow extends Subscription {
  tenant: string;
  assigned: number;
}

export interface AssignmentRow extends Assignment {
  tenant: string;
}

export interface ConflictRow extends Conflict {
  tenant: string;
}

/** One op of the log, at its place in replay order: who did what, when, and how it came out. */
export interface AuditRow {
  tenant: string;
  position: number;
  op: string;
  hlc: string;
  time: number;
  author: string | null;
  device: string;
  type: string;
  /** null: took effect; otherwise the conflict's code. */
  outcome: ErrorCode | null;
  stable: boolean;
}

export interface ReadModel {
  users: Map<string, UserRow>;
  subscriptions: Map<string, SubscriptionRow>;
  assignments: Map<string, AssignmentRow>;
  conflicts: Map<string, ConflictRow>;
  audit: Map<string, AuditRow>;
}

export type ReadModelTable = keyof ReadModel;

export const READ_MODEL_TABLES: readonly ReadModelTable[] = [
  'users',
  'subscriptions',
  'assignments',
  'conflicts',
  'audit',
];

/** Which snapshot the read-model tables reflect, and how many rows each holds for the tenant. */
export interface ReadModelStamp {
  digest: string;
  rows: Record<ReadModelTable, number>;
}

export type Row = UserRow | SubscriptionRow | AssignmentRow | ConflictRow | AuditRow;

/** A row's primary key in its table: [tenant, ...]. */
export function rowKey(table: ReadModelTable, row: Row): (string | number)[] {
  switch (table) {
    case 'users':
    case 'subscriptions':
      return [row.tenant, (row as UserRow | SubscriptionRow).id];
    case 'assignments':
      return [row.tenant, (row as AssignmentRow).subscription, (row as AssignmentRow).user];
    case 'conflicts':
      return [row.tenant, (row as ConflictRow).op];
    case 'audit':
      return [row.tenant, (row as AuditRow).position];
  }
}

/** A row's key within its tenant's rows of a table (as `ReadModel` maps hold them). */
export function keyWithin(table: ReadModelTable, row: Row): string {
  return rowKey(table, row).slice(1).join('\n');
}

/** Rows as read back from the tables, keyed as `readModelOf` keys them. */
export function readModelFrom(rows: Record<ReadModelTable, Row[]>): ReadModel {
  const keyed = (table: ReadModelTable) =>
    new Map(rows[table].map((row): [string, Row] => [keyWithin(table, row), row]));
  return {
    users: keyed('users') as ReadModel['users'],
    subscriptions: keyed('subscriptions') as ReadModel['subscriptions'],
    assignments: keyed('assignments') as ReadModel['assignments'],
    conflicts: keyed('conflicts') as ReadModel['conflicts'],
    audit: keyed('audit') as ReadModel['audit'],
  };
}

/**
 * The rows of a tenant's replayed state. Rows that `previous` holds unchanged
 * are taken over as they are (the same objects), so the next comparison of
 * them costs nothing and nothing is copied for them: most of a big tenant
 * stays as it was from one save to the next.
 */
export function readModelOf(
  tenantId: string,
  tenant: Tenant,
  conflicts: readonly Conflict[],
  activity: readonly Activity[],
  previous: ReadModel | null = null,
): ReadModel {
  const keep = <R extends Row>(before: R | undefined, record: object, extra: object) =>
    before && isRowOf(before, tenantId, record, extra) ? before : undefined;
  const licenses = new Map<string, string[]>();
  const assignments = new Map<string, AssignmentRow>();
  const subscriptions = new Map<string, SubscriptionRow>();
  for (const [id, subscription] of Object.entries(tenant.subscriptions)) {
    const holders = tenant.assignments[id] ?? {};
    let assigned = 0;
    for (const [user, assignment] of Object.entries(holders)) {
      assigned++;
      const key = `${id}\n${user}`;
      assignments.set(
        key,
        keep(previous?.assignments.get(key), assignment, {}) ?? {
          tenant: tenantId,
          ...copyOf(assignment),
        },
      );
      const held = licenses.get(user);
      if (held) held.push(id);
      else licenses.set(user, [id]);
    }
    subscriptions.set(
      id,
      keep(previous?.subscriptions.get(id), subscription, { assigned }) ?? {
        tenant: tenantId,
        ...copyOf(subscription),
        assigned,
      },
    );
  }
  const users = new Map<string, UserRow>();
  for (const [id, user] of Object.entries(tenant.users)) {
    const extra = { licenses: (licenses.get(id) ?? []).sort() };
    users.set(
      id,
      keep(previous?.users.get(id), user, extra) ?? {
        tenant: tenantId,
        ...copyOf(user),
        ...extra,
      },
    );
  }
  const conflictRows = new Map<string, ConflictRow>();
  for (const conflict of conflicts) {
    conflictRows.set(
      conflict.op,
      keep(previous?.conflicts.get(conflict.op), conflict, {}) ?? {
        tenant: tenantId,
        ...conflict,
      },
    );
  }
  const audit = new Map<string, AuditRow>();
  activity.forEach((a, position) => {
    const key = String(position);
    const outcome = a.outcome?.code ?? null;
    const before = previous?.audit.get(key);
    // The rest of a row follows from its op.
    const kept =
      before?.tenant === tenantId &&
      before.op === a.id &&
      before.outcome === outcome &&
      before.stable === a.stable;
    audit.set(
      key,
      kept
        ? before
        : {
            tenant: tenantId,
            position,
            op: a.id,
            hlc: a.hlc,
            time: a.time,
            author: a.author,
            device: a.device,
            type: a.type,
            outcome,
            stable: a.stable,
          },
    );
  });
  return { users, subscriptions, assignments, conflicts: conflictRows, audit };
}

/** Whether `row` is `{ tenant, ...record, ...extra }`, key for key. */
function isRowOf(row: object, tenant: string, record: object, extra: object): boolean {
  const values = row as Record<string, unknown>;
  if (values['tenant'] !== tenant) return false;
  let keys = 1;
  for (const key in record) {
    if (key in extra || key === 'tenant') continue;
    if (!same(values[key], (record as Record<string, unknown>)[key])) return false;
    keys++;
  }
  for (const key in extra) {
    if (!same(values[key], (extra as Record<string, unknown>)[key])) return false;
    keys++;
  }
  return Object.keys(values).length === keys;
}

/** A copy of plain data (rows must not share arrays with the tenant, which changes in place). */
function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyOf((value as Record<string, unknown>)[key]);
  return copy as T;
}

/** What to write to go from one read model to the next: rows to put, rows to delete. */
export function changesBetween(
  before: ReadModel | null,
  after: ReadModel,
): Record<ReadModelTable, { put: Row[]; remove: Row[] }> {
  const out = {} as Record<ReadModelTable, { put: Row[]; remove: Row[] }>;
  for (const table of READ_MODEL_TABLES) {
    const old = before?.[table] as Map<string, Row> | undefined;
    const next = after[table] as Map<string, Row>;
    const put: Row[] = [];
    for (const [key, row] of next) if (!old || !same(old.get(key), row)) put.push(row);
    const remove: Row[] = [];
    if (old) for (const [key, row] of old) if (!next.has(key)) remove.push(row);
    out[table] = { put, remove };
  }
  return out;
}

/** Deep equality of plain data (rows hold no cycles). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => same(x[key], y[key]));
}
