import type { Catalogue } from '../domain/catalogue/catalogue';
import { execute } from '../domain/engine';
import { refuse, type Refusal } from '../domain/refusal';
import type { PublicKeyJwk, Tenant } from '../domain/types';
import { conflictOf, type Conflict } from './conflict';
import { fingerprint } from './deviceKeys';
import { parseHlc } from './hlc';
import { compareOps, type Op } from './op';

/** An op with the fingerprint of the key its signature checked against (null: none did). */
export interface Entry {
  op: Op;
  key: string | null;
}

interface Checkpoint {
  index: number;
  tenant: Tenant;
  conflicts: number;
}

/** How often replay keeps a copy of the state to rewind to when a late op arrives. */
export const CHECKPOINT_EVERY = 256;

/** The key an op must be signed with at its position in the log. */
export function expectedKey(tenant: Tenant, op: Op): PublicKeyJwk | null {
  const enrolled = tenant.devices[op.device];
  if (enrolled) return enrolled.publicKey;
  // The tenant's first op enrols the device that signs it.
  const payload = op.payload as { device?: { id?: unknown; publicKey?: PublicKeyJwk } } | null;
  if (op.type === 'createTenant' && payload?.device?.id === op.device && payload.device.publicKey) {
    return payload.device.publicKey;
  }
  return null;
}

function signatureRefusal(tenant: Tenant, entry: Entry): Refusal | null {
  const key = expectedKey(tenant, entry.op);
  if (!key) {
    return refuse(
      'UNKNOWN_DEVICE',
      `The device "${entry.op.device}" was not enrolled in the tenant when this change was made.`,
      'Ask a Global Administrator to add the device, then make the change again.',
    );
  }
  if (entry.key !== fingerprint(key)) {
    return refuse(
      'INVALID_SIGNATURE',
      "This change's signature does not match its content or its device's key: it was altered or forged.",
      'Nothing to do: it was not applied. If it came from a sync file, ask for a fresh export.',
    );
  }
  return null;
}

/**
 * The derived state: ops in (hlc, device, seq) order, each decided by the
 * rules engine against the state at its position (ARCHITECTURE.md).
 */
export class Replay {
  private entries: Entry[] = [];
  private checkpoints: Checkpoint[];
  private results = new Map<string, Conflict | null>();
  tenant: Tenant;
  conflicts: Conflict[] = [];

  constructor(
    base: Tenant,
    private readonly catalogue: Catalogue,
  ) {
    this.tenant = structuredClone(base);
    this.checkpoints = [{ index: 0, tenant: structuredClone(base), conflicts: 0 }];
  }

  /**
   * A replay that starts where a stored snapshot left off: `entries` are the
   * ops it reflects, in order; the snapshot is the checkpoint at their end.
   */
  static restore(
    base: Tenant,
    catalogue: Catalogue,
    entries: Entry[],
    snapshot: { tenant: Tenant; conflicts: Conflict[] },
  ): Replay {
    const replay = new Replay(base, catalogue);
    replay.entries = [...entries].sort((a, b) => compareOps(a.op, b.op));
    replay.tenant = structuredClone(snapshot.tenant);
    replay.conflicts = [...snapshot.conflicts];
    const refused = new Map(snapshot.conflicts.map((c) => [c.op, c]));
    for (const { op } of replay.entries) replay.results.set(op.id, refused.get(op.id) ?? null);
    replay.checkpoints.push({
      index: replay.entries.length,
      tenant: structuredClone(snapshot.tenant),
      conflicts: snapshot.conflicts.length,
    });
    return replay;
  }

  get length(): number {
    return this.entries.length;
  }

  get ops(): readonly Entry[] {
    return this.entries;
  }

  /** null: took effect; a conflict: refused at its position; undefined: unknown op. */
  result(opId: string): Conflict | null | undefined {
    return this.results.get(opId);
  }

  /** Adds ops; a late one rewinds to the nearest checkpoint before it and replays from there. */
  insert(added: Entry[]): void {
    if (!added.length) return;
    const sorted = [...added].sort((a, b) => compareOps(a.op, b.op));
    const last = this.entries[this.entries.length - 1];
    if (!last || compareOps(last.op, sorted[0].op) < 0) {
      for (const entry of sorted) this.applyNext(entry);
      return;
    }
    const merged = [...this.entries, ...sorted].sort((a, b) => compareOps(a.op, b.op));
    const firstChanged = merged.findIndex((entry, i) => this.entries[i] !== entry);
    this.rewindTo(firstChanged);
    const from = this.entries.length;
    this.entries = merged.slice(0, from);
    for (const entry of merged.slice(from)) this.applyNext(entry);
  }

  private rewindTo(index: number): void {
    while (
      this.checkpoints.length > 1 &&
      this.checkpoints[this.checkpoints.length - 1].index > index
    ) {
      this.checkpoints.pop();
    }
    const checkpoint = this.checkpoints[this.checkpoints.length - 1];
    for (const entry of this.entries.slice(checkpoint.index)) this.results.delete(entry.op.id);
    this.entries = this.entries.slice(0, checkpoint.index);
    this.tenant = structuredClone(checkpoint.tenant);
    this.conflicts = this.conflicts.slice(0, checkpoint.conflicts);
  }

  private applyNext(entry: Entry): void {
    const { op } = entry;
    const refusal = signatureRefusal(this.tenant, entry);
    let conflict: Conflict | null = refusal ? conflictOf(op, refusal) : null;
    if (!conflict) {
      const now = parseHlc(op.hlc)!.millis;
      const outcome = execute(
        this.tenant,
        { type: op.type, payload: op.payload },
        { now, author: op.author, catalogue: this.catalogue },
      );
      if (!outcome.ok) conflict = conflictOf(op, outcome.refusal);
    }
    this.entries.push(entry);
    this.results.set(op.id, conflict);
    if (conflict) this.conflicts.push(conflict);
    if (this.entries.length % CHECKPOINT_EVERY === 0) {
      this.checkpoints.push({
        index: this.entries.length,
        tenant: structuredClone(this.tenant),
        conflicts: this.conflicts.length,
      });
    }
  }
}
