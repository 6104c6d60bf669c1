import { isDue } from '../domain/advance';
import type { Catalogue } from '../domain/catalogue/catalogue';
import { execute, type Command, type Outcome } from '../domain/engine';
import { countHolders } from '../domain/indexes';
import type { Tenant } from '../domain/types';
import { conflictOf, type Conflict } from './conflict';
import { Checkpoints, type Checkpoint } from './checkpoints';
import { Journal, undo, type Change } from './journal';
import { compareOps, opTime, type Op, type StoredOp } from './op';
import { Revocations, revocationOf, type Revocation, type RevocationsState } from './revocations';
import { revokedRefusal, signatureRefusal } from './signature';
import type { SnapshotState } from './snapshot';

/**
 * An op with the fingerprint of the key its signature checked against (null:
 * none did). Its id and device are at hand without reading the op (an op
 * restored from a snapshot is parsed only when its content is needed).
 */
export interface Entry {
  readonly id: string;
  readonly device: string;
  readonly op: Op;
  readonly key: string | null;
}

/** The entry of an op just read or made. */
export const entryOf = (op: Op, key: string | null): Entry => ({
  id: op.id,
  device: op.device,
  op,
  key,
});

/** An entry restored from a snapshot: its op is read when its content is first needed. */
export class RestoredEntry implements Entry {
  constructor(
    private readonly stored: StoredOp,
    readonly device: string,
    readonly key: string | null,
  ) {}

  get id(): string {
    return this.stored.id;
  }

  get op(): Op {
    return this.stored.op;
  }
}

/** Two lists in replay order, as one. */
function merged(a: readonly Entry[], b: readonly Entry[]): Entry[] {
  const out: Entry[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    out.push(compareOps(a[i].op, b[j].op) <= 0 ? a[i++] : b[j++]);
  }
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

const UNCHANGED: Change[] = [];

/** Under vitest, every decision is checked to change nothing but through `edit` (journal.ts). */
const CHECK_DECISIONS = import.meta.env?.MODE === 'test';

/** How far behind a snapshot the checkpoint stored with it is, at least (checkpoints.ts). */
export const CHECKPOINT_SPACING = 2000;

let revisionClock = 0;

/** A local command decided and applied at the end of the log, waiting for its signed op. */
interface Trial {
  command: Command;
  author: string | null;
  at: number;
  changes: Change[];
}

/**
 * The derived state: ops in (hlc, device, seq) order, each decided by the
 * rules engine against the state at its position (ARCHITECTURE.md). Each
 * applied op keeps the changes it made (journal.ts), so a late op rewinds by
 * undoing only the ops after it, then replays them.
 */
export class Replay {
  private entries: Entry[] = [];
  /** What each entry changed, to undo it; parallel to `entries`. */
  private changes: Change[][] = [];
  /** Entries before this index came from a snapshot, with no changes to undo. */
  private restoredUpTo = 0;
  /** How each entry came out: null, took effect; or its conflict. Parallel to `entries`. */
  private outcomes: (Conflict | null)[] = [];
  private current: { tenant: Tenant; read: Tenant } | null = null;
  private journal = new Journal();
  private trial: Trial | null = null;
  private revisions = ++revisionClock;
  private readonly checkpoints: Checkpoints;
  private readonly revocations = new Revocations();
  conflicts: Conflict[] = [];

  constructor(
    private readonly base: Tenant,
    private readonly catalogue: Catalogue,
    checkpointSpacing = CHECKPOINT_SPACING,
    /** Decide through the journal's read-only guard, so a change that would escape an undo throws. */
    private readonly guarded = CHECK_DECISIONS,
  ) {
    this.checkpoints = new Checkpoints(checkpointSpacing);
  }

  /**
   * A replay that starts where a stored snapshot left off: `entries` are the
   * ops it reflects, in replay order; `state` (JSON) becomes its state, and
   * `checkpoint`, an earlier one, what a late op rewinds to.
   */
  restore(
    entries: Entry[],
    state: string,
    checkpoint: Checkpoint | null,
    revocations: RevocationsState,
  ): void {
    if (this.entries.length) throw new Error('Only an empty replay can be restored.');
    this.revocations.restore(revocations);
    this.entries = entries;
    this.changes = entries.map(() => UNCHANGED);
    this.restoredUpTo = entries.length;
    this.resume(state);
    this.checkpoints.restored({ index: entries.length, state }, checkpoint);
    const refused = new Map(this.conflicts.map((c) => [c.op, c]));
    this.outcomes = entries.map(({ id }) => refused.get(id) ?? null);
    this.changed();
  }

  /**
   * Notes the state a snapshot is storing (JSON of tenant and conflicts, at
   * the current length); returns the earlier checkpoint to store with it.
   */
  snapshotTaken(state: string): Checkpoint | null {
    return this.checkpoints.taken(this.entries.length, state);
  }

  /** The revocations held and dropped, to store with a snapshot (revocations.ts). */
  get revocationsState(): RevocationsState {
    return this.revocations.state;
  }

  /** The replayed tenant: a plain object, changed in place as ops apply. */
  get tenant(): Tenant {
    return this.state().tenant;
  }

  get length(): number {
    return this.entries.length;
  }

  get ops(): readonly Entry[] {
    return this.entries;
  }

  /**
   * Changes whenever the state does (an op added, taken back or decided again,
   * a command attempted or dropped); never repeats, across replays too.
   */
  get revision(): number {
    return this.revisions;
  }

  private changed(): void {
    this.revisions = ++revisionClock;
  }

  /** null: took effect; a conflict: refused at its position; undefined: not in the replay. */
  result(op: Op): Conflict | null | undefined {
    const index = this.positionOf(op) - 1;
    return this.entries[index]?.id === op.id ? this.outcomes[index] : undefined;
  }

  /** How the entry at `index` (in replay order) came out. */
  outcomeAt(index: number): Conflict | null {
    return this.outcomes[index];
  }

  /** Adds ops; a late one rewinds to just before it and replays from there. */
  insert(added: Entry[]): void {
    if (!added.length) return;
    this.dropTrial();
    const sorted = [...added].sort((a, b) => compareOps(a.op, b.op));
    const changed = sorted.flatMap((entry) => this.considered(entry));
    this.replayFrom(this.positionOf(sorted[0].op), sorted, changed);
  }

  /** A revocation whose holding this entry changes (revocations.ts), as a list. */
  private considered(entry: Entry): Revocation[] {
    const revocation = entry.key === null ? null : revocationOf(entry.op);
    const changed = this.revocations.consider(entry.id, revocation);
    return changed ? [changed] : [];
  }

  /**
   * Rewinds to `from`, or further back where a revocation whose holding
   * changed cuts an op, and replays `added` in. A revocation held but refused
   * at its position is dropped, and what it cut is decided again.
   */
  private replayFrom(from: number, added: Entry[], changed: Revocation[]): void {
    let start = from;
    for (let again = changed; again.length;) {
      for (const revocation of again) start = Math.min(start, this.firstCutBy(revocation));
      // Revocations dropped at or after the start are decided afresh, from holding.
      again = this.revocations.undrop(this.droppedFrom(start));
    }
    let queue = merged(this.rewindTo(start), added);
    for (let i = 0; i < queue.length;) {
      const entry = queue[i++];
      const refused = this.applyNext(entry) !== null;
      const revocation = this.revocations.of(entry.id);
      if (!refused || !revocation || this.revocations.isDropped(entry.id)) continue;
      this.revocations.drop(entry.id);
      const first = this.firstCutBy(revocation);
      if (first < this.entries.length) {
        queue = [...this.rewindTo(first), ...queue.slice(i)];
        i = 0;
      }
    }
  }

  /** The index of the first entry a revocation cuts, or the length when none. */
  private firstCutBy({ device, afterSeq }: Revocation): number {
    const index = this.entries.findIndex((e) => e.device === device && e.op.seq > afterSeq);
    return index < 0 ? this.entries.length : index;
  }

  /** Dropped revocations at `index` or later. */
  private droppedFrom(index: number): string[] {
    const dropped = this.revocations.droppedIds;
    if (!dropped.size) return [];
    return this.entries.slice(index).flatMap((e) => (dropped.has(e.id) ? [e.id] : []));
  }

  /**
   * Gives entries the keys they are now known to be authentic under
   * (vouching.ts) and decides again from the earliest that changed.
   */
  rekey(keys: ReadonlyMap<string, string | null>): void {
    const first = this.entries.findIndex(({ id, key }) => keys.has(id) && keys.get(id) !== key);
    if (first < 0) return;
    this.dropTrial();
    const later = this.rewindTo(first).map((entry) =>
      keys.has(entry.id) ? entryOf(entry.op, keys.get(entry.id)!) : entry,
    );
    const changed = later.filter((e) => keys.has(e.id)).flatMap((e) => this.considered(e));
    this.replayFrom(first, later, changed);
  }

  /**
   * Decides a command of this device on the state at `now` and, when allowed,
   * applies it at once, to be kept by `commit` when its signed op comes back
   * (so it is decided once, not again at replay). A refused command changes
   * nothing. `signer` is the device and key fingerprint that will sign it.
   *
   * `recorded`: the payload the op will carry when it differs from the
   * command's (recordedPayload, BILL-3). The command is decided in full
   * first, so its refusal is the full form's; once accepted, the recorded
   * form is what is applied here, as every other replica will apply it.
   */
  attempt(
    command: Command,
    author: string | null,
    now: number,
    signer: { device: string; key: string },
    recorded: unknown = command.payload,
  ): Outcome {
    this.dropTrial();
    const { tenant } = this.state();
    const kept: Command = { type: command.type, payload: recorded };
    const signed = { device: signer.device, author, type: kept.type, payload: kept.payload };
    const signable = !signatureRefusal(tenant, signed, signer.key);
    let { result: outcome, changes } = this.journal.record(() =>
      this.execute(command, author, now),
    );
    if (outcome.ok && kept.payload !== command.payload) {
      undo(changes);
      ({ result: outcome, changes } = this.journal.record(() => this.execute(kept, author, now)));
    }
    if (outcome.ok && signable) {
      this.trial = { command: kept, author, at: now, changes };
      this.changed();
    } else {
      // Refused, or allowed but refused at replay for its signature: nothing is kept here.
      undo(changes);
    }
    return outcome;
  }

  /**
   * Adds the op of the last `attempt`. If the trial still stands (nothing
   * arrived meanwhile, the op lands last, at the time it was decided at), it
   * is kept as is; otherwise the op is inserted and decided at its position.
   */
  commit(entry: Entry): void {
    const trial = this.trial;
    this.trial = null;
    const last = this.entries[this.entries.length - 1];
    const { op } = entry;
    const stands =
      trial !== null &&
      trial.at === opTime(op) &&
      trial.command.type === op.type &&
      trial.command.payload === op.payload &&
      trial.author === op.author &&
      (!last || compareOps(last.op, op) < 0) &&
      // A revocation may cut ops before it: it goes in through insert.
      revocationOf(op) === null;
    if (!stands) {
      if (trial) undo(trial.changes);
      this.insert([entry]);
      this.changed();
      return;
    }
    this.entries.push(entry);
    this.changes.push(trial.changes);
    this.outcomes.push(null);
    this.changed();
  }

  /** Takes back an `attempt` that will not be committed (signing failed, say). */
  dropTrial(): void {
    if (!this.trial) return;
    undo(this.trial.changes);
    this.trial = null;
    this.changed();
  }

  /** The first index whose op sorts after `op`. */
  private positionOf(op: Op): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareOps(this.entries[mid].op, op) <= 0) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * Takes back the entries from `index` on, last first, and returns them in
   * order. Entries restored from a snapshot can't be undone: reaching into
   * them starts again from the latest checkpoint before, or else the base.
   */
  private rewindTo(index: number): Entry[] {
    if (index >= this.entries.length) return [];
    this.changed();
    this.checkpoints.rewound(index);
    if (index < this.restoredUpTo) {
      const checkpoint = this.checkpoints.at(index);
      const from = checkpoint?.index ?? 0;
      const later = this.entries.slice(from);
      this.entries.length = from;
      this.changes.length = from;
      this.outcomes.length = from;
      this.restoredUpTo = from;
      if (checkpoint) {
        this.resume(checkpoint.state);
      } else {
        this.current = null;
        this.conflicts = [];
      }
      return later;
    }
    const later = this.entries.slice(index);
    for (let i = this.entries.length - 1; i >= index; i--) {
      undo(this.changes[i]);
      if (this.outcomes[i]) this.conflicts.pop();
    }
    this.entries.length = index;
    this.changes.length = index;
    this.outcomes.length = index;
    return later;
  }

  /** Decides and applies the next entry; returns its conflict, or null when it took effect. */
  private applyNext(entry: Entry): Conflict | null {
    const { op } = entry;
    const { tenant } = this.state();
    const cut = this.revocations.cutOf(op.device);
    const refusal =
      signatureRefusal(tenant, op, entry.key) ??
      (cut !== undefined && op.seq > cut ? revokedRefusal(op.device, cut) : null);
    let conflict: Conflict | null = refusal ? conflictOf(op, refusal) : null;
    let changes = UNCHANGED;
    if (!conflict) {
      const recorded = this.journal.record(() =>
        this.execute({ type: op.type, payload: op.payload }, op.author, opTime(op)),
      );
      changes = recorded.changes;
      if (!recorded.result.ok) conflict = conflictOf(op, recorded.result.refusal);
    }
    this.entries.push(entry);
    this.changes.push(changes);
    this.outcomes.push(conflict);
    if (conflict) this.conflicts.push(conflict);
    this.changed();
    return conflict;
  }

  /** The engine's execute: deciding reads the tenant, changes go through the journal. */
  private execute(command: Command, author: string | null, now: number): Outcome {
    const { tenant, read } = this.state();
    return execute(
      tenant,
      command,
      { now, author, catalogue: this.catalogue },
      { atNow: !isDue(tenant, now), read, edit: this.journal.edit },
    );
  }

  /** Takes a stored state (JSON of tenant and conflicts) as the current one. */
  private resume(json: string): void {
    const state = JSON.parse(json) as SnapshotState;
    this.use(state.tenant);
    this.conflicts = state.conflicts;
  }

  private state(): { tenant: Tenant; read: Tenant } {
    return this.current ?? this.use(structuredClone(this.base));
  }

  private use(tenant: Tenant): { tenant: Tenant; read: Tenant } {
    countHolders(tenant);
    this.journal = new Journal();
    this.current = { tenant, read: this.guarded ? this.journal.guard(tenant) : tenant };
    return this.current;
  }
}
