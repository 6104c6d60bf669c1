import { inspect } from 'node:util';

/**
 * Thrown from a hook to refuse a connection or message. Hocuspocus reads `code` and `reason`
 * from it; the message stays empty because its hook runner logs any non-empty message, and
 * the relay logs refusals itself.
 */
export class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly code = 4403,
  ) {
    super('');
    this.name = 'Refusal';
  }

  // Hocuspocus prints the error it closes a connection for; keep that to one line.
  [inspect.custom](): string {
    return `(${this.reason})`;
  }
}
