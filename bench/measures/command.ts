/**
 * 4. One command end to end: replica.execute on the big tenant (decide,
 * sign, record in the Y.Doc, replay: visible in the derived tenant).
 * Baseline: the engine's execute alone, same commands, on a clone.
 * 5. The same ops' size on the wire: the incremental Yjs update of each,
 * against the op's JSON text (signed op, heads, payload) before it is sealed.
 */
import type { Catalogue } from '../../src/lib/domain/catalogue/catalogue';
import { execute, type Command } from '../../src/lib/domain/engine';
import { LOCAL, type Replica } from '../../src/lib/replica/replica';
import type { Authors, CommandPicker } from '../commands';
import type { Row } from '../table';
import { median, percentile } from '../timing';

export interface CommandResult {
  command: Row;
  wire: Row;
  p95: number;
  /** The slowest of the timed commands. */
  maxMs: number;
}

export async function measureCommand(
  replica: Replica,
  picker: CommandPicker,
  authors: Authors,
  catalogue: Catalogue,
  start: number,
  spacing: number,
  { warmup = 20, runs = 200 } = {},
): Promise<CommandResult> {
  let clock = start;
  for (let i = 0; i < warmup; i++) {
    const { command, author } = picker.next(replica.tenant, authors);
    await replica.execute(command, author, (clock += spacing));
  }

  const clone = structuredClone(replica.tenant);
  const done: { command: Command; author: string; now: number }[] = [];
  const times: number[] = [];
  const updates: number[] = [];
  const texts: number[] = [];
  let update = 0;
  const onUpdate = (bytes: Uint8Array, origin: unknown) => {
    if (origin === LOCAL) update += bytes.length;
  };
  replica.doc.on('update', onUpdate);
  while (times.length < runs) {
    const { command, author } = picker.next(replica.tenant, authors);
    const now = (clock += spacing);
    update = 0;
    const began = performance.now();
    const outcome = await replica.execute(command, author, now);
    const took = performance.now() - began;
    if (!outcome.op) continue;
    times.push(took);
    done.push({ command, author, now });
    updates.push(update);
    texts.push(JSON.stringify(outcome.op).length);
  }
  replica.doc.off('update', onUpdate);

  // Warm the engine on another clone, then time the same commands one by one.
  const warm = structuredClone(clone);
  for (const { command, author, now } of done.slice(0, warmup)) {
    execute(warm, command, { now, author, catalogue });
  }
  const engine = done.map(({ command, author, now }) => {
    const began = performance.now();
    execute(clone, command, { now, author, catalogue });
    return performance.now() - began;
  });

  return {
    p95: percentile(times, 95),
    maxMs: Math.max(...times),
    command: {
      measure: `one command, replica.execute (median of ${runs})`,
      seats: median(times),
      baseline: median(engine),
      baselineIs: "the engine's execute alone, same commands, on a structuredClone of the tenant",
      target: 10,
    },
    wire: {
      measure: 'update on the wire per op (median)',
      seats: median(updates),
      baseline: median(texts),
      baselineIs:
        "the op's JSON text before sealing (signed op, heads, payload); the map stores it sealed",
      unit: 'B',
    },
  };
}
