import type { Catalogue } from '../domain/catalogue/catalogue';
import { execute, type Command } from '../domain/engine';
import { emptyTenant, type Tenant } from '../domain/types';
import type { LoggedOp } from './replayLog';

export const ADMIN = 'admin@fabrikam.example';
export const START = Date.parse('2026-11-02T08:00:00Z');
const MINUTE = 60_000;

/**
 * For tests: a tenant run through the engine op by op, keeping the log as Replica.activity()
 * would list it (outcome null: took effect), without signing or Yjs.
 */
export class RecordedLog {
  readonly base: Tenant = emptyTenant('MOSA');
  readonly tenant: Tenant = structuredClone(this.base);
  readonly log: LoggedOp[] = [];
  time = START;

  constructor(private readonly catalogue: Catalogue) {
    this.run(
      {
        type: 'createTenant',
        payload: {
          name: 'Fabrikam Nordic',
          billingAccountType: 'MOSA',
          creator: { id: ADMIN, displayName: 'Fabrikam Admin', usageLocation: 'SE' },
        },
      },
      null,
    );
  }

  /** Runs a command a minute after the last; returns the op's id. */
  run(command: Command, author: string | null = ADMIN): string {
    this.time += MINUTE;
    const outcome = execute(this.tenant, command, {
      now: this.time,
      author,
      catalogue: this.catalogue,
    });
    const id = `op-${this.log.length + 1}`;
    this.log.push({
      id,
      time: this.time,
      author,
      type: command.type,
      payload: command.payload,
      outcome: outcome.ok ? null : outcome.refusal,
    });
    return id;
  }

  lastOutcome(): unknown {
    return this.log[this.log.length - 1].outcome;
  }
}
