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
 * A command's verdict. Deciding only reads; `apply` makes every change at once,
 * so a refused command changes nothing.
 */
export type Decision = { ok: true; apply: () => void } | { ok: false; refusal: Refusal };

export const accept = (apply: () => void): Decision => ({ ok: true, apply });
export const reject = (refusal: Refusal): Decision => ({ ok: false, refusal });
