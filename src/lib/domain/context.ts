import type { Catalogue } from './catalogue/catalogue';
import type { Refusal } from './refusal';
import type { Instant } from './time';

/** Everything a decision depends on besides the tenant and the command. */
export interface Context {
  now: Instant;
  /** Who runs the command; null for the outside world (a completed credit check). */
  author: string | null;
  catalogue: Catalogue;
}

/**
 * How `apply` reaches what it changes: `edit(object)` is the object (the
 * tenant, or anything deciding found in it) as changes to it must be made.
 * Every change goes through it: a replay passes a recording view, so it can
 * undo the op later (replica/journal.ts), while deciding reads the tenant
 * itself, at full speed.
 */
export type Edit = <T extends object>(target: T) => T;

/** `edit` when nothing needs undoing: the object itself. */
export const inPlace: Edit = (target) => target;

/**
 * A command's verdict. Deciding only reads; `apply` makes every change at once,
 * so a refused command changes nothing.
 */
export type Decision = { ok: true; apply: (edit: Edit) => void } | { ok: false; refusal: Refusal };

export const accept = (apply: (edit: Edit) => void): Decision => ({ ok: true, apply });
export const reject = (refusal: Refusal): Decision => ({ ok: false, refusal });
