import { advance } from './advance';
import { COMMANDS, isCommandType } from './commands';
import { inPlace, type Context, type Decision, type Edit } from './context';
import { asPayload } from './payload';
import { InvalidInput, refuse, type Refusal } from './refusal';
import type { Tenant } from './types';

/**
 * A command is plain data, so it can travel as an op's payload. `type` is a
 * string, not a CommandType: ops from other devices are untrusted input.
 */
export interface Command {
  type: string;
  payload: unknown;
}

export type Outcome = { ok: true } | { ok: false; refusal: Refusal };

/**
 * Decides a command against the tenant at `ctx.now` without changing it.
 * Same tenant, command and context ⇒ same decision.
 */
export function decide(tenant: Tenant, command: Command, ctx: Context): Decision {
  if (!isCommandType(command.type)) {
    return {
      ok: false,
      refusal: refuse(
        'INVALID_INPUT',
        `Unknown command "${command.type}".`,
        'Use one of the documented commands.',
      ),
    };
  }
  try {
    return COMMANDS[command.type](tenant, asPayload(command.payload), ctx);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return {
      ok: false,
      refusal: refuse(
        'INVALID_INPUT',
        `The command is malformed: ${error.message}.`,
        'Correct the field and try again.',
        {
          field: error.field,
        },
      ),
    };
  }
}

export interface Execution {
  /** The caller knows nothing is due by `ctx.now` (`isDue`), so moving is skipped. */
  atNow?: boolean;
  /** How changes are made (context.ts); by default, in place. */
  edit?: Edit;
  /** What deciding reads; by default the tenant (replica/journal.ts's guard, to check). */
  read?: Tenant;
}

/**
 * Moves the tenant to `ctx.now`, then runs the command: all of it, or (when
 * refused) none of it. The tenant object is changed in place.
 */
export function execute(
  tenant: Tenant,
  command: Command,
  ctx: Context,
  { atNow = false, edit = inPlace, read = tenant }: Execution = {},
): Outcome {
  if (!atNow) advance(edit(tenant), ctx.now);
  const decision = decide(read, command, ctx);
  if (!decision.ok) return decision;
  decision.apply(edit);
  return { ok: true };
}
