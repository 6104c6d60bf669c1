import type { ErrorCode } from '$lib/domain/refusal';
import type { Conflict } from '$lib/replica/conflict';
import { parseHlc } from '$lib/replica/hlc';
import { compareOps, parseOp, type Op } from '$lib/replica/op';
import type { Replica } from '$lib/replica/replica';

/** One change in the audit log (SYNC-4): who, on which device, when, what, and whether it took effect. */
export interface ActivityEntry {
  op: string;
  at: number;
  author: string | null;
  device: string;
  type: string;
  payload: unknown;
  refused: { code: ErrorCode; message: string; remedy?: string } | null;
}

/** What the log is read from: the replica's public members, nothing of its internals. */
export type ActivitySource = Pick<Replica, 'opMap' | 'conflicts'>;

interface Parsed {
  seen: number;
  ids: Set<string>;
  ops: Op[];
}

const parsedBySource = new WeakMap<ActivitySource, Parsed>();

/**
 * Parses only the ops that arrived since the last call (the map is grow-only),
 * so a 50,000-op log is read once, not on every change.
 */
function opsInReplayOrder(source: ActivitySource): Op[] {
  let parsed = parsedBySource.get(source);
  if (!parsed) {
    parsed = { seen: 0, ids: new Set(), ops: [] };
    parsedBySource.set(source, parsed);
  }
  if (parsed.seen === source.opMap.size) return parsed.ops;
  const arrived: Op[] = [];
  for (const [key, text] of source.opMap.entries()) {
    if (parsed.ids.has(key)) continue;
    const op = parseOp(text);
    if (!op || op.id !== key) continue;
    parsed.ids.add(key);
    arrived.push(op);
  }
  arrived.sort(compareOps);
  const last = parsed.ops[parsed.ops.length - 1];
  const appends = !last || !arrived[0] || compareOps(last, arrived[0]) < 0;
  parsed.ops = appends ? parsed.ops.concat(arrived) : [...parsed.ops, ...arrived].sort(compareOps);
  parsed.seen = source.opMap.size;
  return parsed.ops;
}

/**
 * Every op in replay order with its outcome. Stand-in until the replica offers
 * its own activity(); swap this function out then.
 */
export function activityOf(source: ActivitySource): ActivityEntry[] {
  const refused = new Map<string, Conflict>(source.conflicts.map((c) => [c.op, c]));
  return opsInReplayOrder(source).map((op) => {
    const conflict = refused.get(op.id);
    return {
      op: op.id,
      at: parseHlc(op.hlc)?.millis ?? 0,
      author: op.author,
      device: op.device,
      type: op.type,
      payload: op.payload,
      refused: conflict
        ? {
            code: conflict.code,
            message: conflict.message,
            ...(conflict.remedy ? { remedy: conflict.remedy } : {}),
          }
        : null,
    };
  });
}

export interface ActivityFilter {
  /** A person's id, '' for everyone; null stands for changes made by no person. */
  person: string | null;
  command: string;
  outcome: 'all' | 'tookEffect' | 'refused';
}

export const NO_FILTER: ActivityFilter = { person: '', command: '', outcome: 'all' };

/** Newest first, as an audit log is read. */
export function filterActivity(entries: ActivityEntry[], filter: ActivityFilter): ActivityEntry[] {
  const shown: ActivityEntry[] = [];
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i];
    if (filter.person !== '' && e.author !== filter.person) continue;
    if (filter.command !== '' && e.type !== filter.command) continue;
    if (filter.outcome === 'tookEffect' && e.refused) continue;
    if (filter.outcome === 'refused' && !e.refused) continue;
    shown.push(e);
  }
  return shown;
}

/** The people and commands that occur in the log, for the filters' choices. */
export function activityFacets(entries: ActivityEntry[]): {
  authors: (string | null)[];
  commands: string[];
} {
  const authors = new Set<string | null>();
  const commands = new Set<string>();
  for (const e of entries) {
    authors.add(e.author);
    commands.add(e.type);
  }
  return { authors: [...authors], commands: [...commands].sort() };
}
