/**
 * Hybrid logical clock readings that sort as plain strings:
 * `2026-03-01T09:00:00.000Z-0000-laptop` (wall time, counter, device).
 */
export interface Timestamp {
  millis: number;
  counter: number;
  device: string;
}

/** An op further ahead of the local clock than this is held back, not applied. */
export const MAX_DRIFT_MS = 5 * 60 * 1000;
const MAX_COUNTER = 0xffff;

export function formatHlc(t: Timestamp): string {
  return `${new Date(t.millis).toISOString()}-${t.counter.toString(16).padStart(4, '0')}-${t.device}`;
}

const HLC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-(.+)$/;

export function parseHlc(text: string): Timestamp | null {
  const match = HLC.exec(text);
  if (!match) return null;
  const millis = Date.parse(match[1]);
  return Number.isNaN(millis)
    ? null
    : { millis, counter: parseInt(match[2], 16), device: match[3] };
}

export class ClockDrift extends Error {
  constructor(
    readonly remote: string,
    readonly localMillis: number,
  ) {
    super(`${remote} is more than ${MAX_DRIFT_MS / 60000} minutes ahead of this device's clock`);
  }
}

export class HybridClock {
  private last: Timestamp;

  constructor(
    readonly device: string,
    last?: string,
  ) {
    this.last = (last && parseHlc(last)) || { millis: 0, counter: 0, device };
  }

  /** A reading for a new local op. */
  send(now: number): string {
    const millis = Math.max(now, this.last.millis);
    const counter = millis === this.last.millis ? this.last.counter + 1 : 0;
    if (counter > MAX_COUNTER)
      throw new Error('clock counter overflow: too many ops in one millisecond');
    this.last = { millis, counter, device: this.device };
    return formatHlc(this.last);
  }

  /** Moves past a reading seen in a remote op, refusing one too far in the future. */
  receive(remote: string, now: number): void {
    const t = parseHlc(remote);
    if (!t) return;
    if (t.millis - now > MAX_DRIFT_MS) throw new ClockDrift(remote, now);
    const millis = Math.max(now, this.last.millis, t.millis);
    let counter = 0;
    if (millis === this.last.millis && millis === t.millis)
      counter = Math.max(this.last.counter, t.counter) + 1;
    else if (millis === this.last.millis) counter = this.last.counter + 1;
    else if (millis === t.millis) counter = t.counter + 1;
    this.last = { millis, counter: Math.min(counter, MAX_COUNTER), device: this.device };
  }

  get reading(): string {
    return formatHlc(this.last);
  }
}
