import type { Catalogue } from '../domain/catalogue/catalogue';
import { execute } from '../domain/engine';
import type { Tenant } from '../domain/types';

/** An op as Replica.activity() lists it, in replay order; outcome null: it took effect. */
export interface LoggedOp {
  id: string;
  time: number;
  author: string | null;
  type: string;
  payload: unknown;
  outcome: unknown;
}

/** The point a change plan starts after: an op (an import, say) or a time. */
export type Since = { op: string } | { time: number };

export interface Window {
  before: Tenant;
  after: Tenant;
  /** The ops after the point that took effect, in replay order. */
  ops: LoggedOp[];
}

/** The log does not replay to what it recorded (a log from another catalogue or engine). */
export class LogMismatch extends Error {}

function startOf(log: readonly LoggedOp[], since: Since): number {
  if ('op' in since) {
    const at = log.findIndex((op) => op.id === since.op);
    if (at < 0) throw new LogMismatch(`There is no op ${since.op} in the log.`);
    return at + 1;
  }
  const at = log.findIndex((op) => op.time > since.time);
  return at < 0 ? log.length : at;
}

function apply(tenant: Tenant, op: LoggedOp, catalogue: Catalogue): void {
  const outcome = execute(
    tenant,
    { type: op.type, payload: op.payload },
    { now: op.time, author: op.author, catalogue },
  );
  if (!outcome.ok) {
    throw new LogMismatch(`Op ${op.id} (${op.type}) took effect in the log but is refused now.`);
  }
}

/**
 * The tenant at the point and now, by running the ops that took effect through the engine from
 * the replica's base, as the replay does: the plan is then the engine's own net result, and a
 * license added and removed again in the window leaves no trace.
 */
export function windowOf(
  base: Tenant,
  log: readonly LoggedOp[],
  since: Since,
  catalogue: Catalogue,
): Window {
  const start = startOf(log, since);
  const tenant = structuredClone(base);
  const effective = (op: LoggedOp) => op.outcome === null;
  for (const op of log.slice(0, start).filter(effective)) apply(tenant, op, catalogue);
  const before = structuredClone(tenant);
  const ops = log.slice(start).filter(effective);
  for (const op of ops) apply(tenant, op, catalogue);
  return { before, after: tenant, ops };
}
