import type { RelayProcess } from './relayProcess';

/** Polls until `condition` holds; on timeout, fails with the relay's last words. */
export async function waitFor(
  relay: RelayProcess,
  condition: () => boolean,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; relay output:\n` +
          relay.output.slice(-20).join('\n'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How many lines the relay has logged that match `pattern`. */
export function countLines(relay: RelayProcess, pattern: RegExp): number {
  return relay.output.filter((line) => pattern.test(line)).length;
}

/** Waits for one more line matching `pattern` than the `seenBefore` there were. */
export function waitForLine(
  relay: RelayProcess,
  pattern: RegExp,
  seenBefore: number,
  timeoutMs = 5000,
): Promise<void> {
  return waitFor(
    relay,
    () => countLines(relay, pattern) > seenBefore,
    `relay to log ${String(pattern)}`,
    timeoutMs,
  );
}
