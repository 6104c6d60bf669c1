import type { Op } from './op';

/** A revokeDevice op's cut: nothing `device` signs after its op number `afterSeq` stands. */
export interface Revocation {
  device: string;
  afterSeq: number;
}

/** The revocations a replay takes as given, and those it stopped taking (as stored). */
export interface RevocationsState {
  candidates: Record<string, Revocation>;
  dropped: string[];
}

/** The cut a revokeDevice op makes, when its payload reads as one. */
export function revocationOf(op: Pick<Op, 'type' | 'payload'>): Revocation | null {
  if (op.type !== 'revokeDevice') return null;
  const p = op.payload as { device?: unknown; afterSeq?: unknown } | null;
  const { device, afterSeq } = p ?? {};
  if (typeof device !== 'string' || !Number.isInteger(afterSeq) || (afterSeq as number) < 0) {
    return null;
  }
  return { device, afterSeq: afterSeq as number };
}

/**
 * A revoked device could backdate its later ops to sort before the revocation
 * (SYNC-5), so a revocation cuts ops wherever they sort: replay.ts refuses an
 * op of a revoked device past the cut even before the revocation's position.
 * Whether the revocation holds is still decided at its position, and may turn
 * on the very ops it cuts; so every signed revocation is taken as holding
 * (a candidate) until it is refused at its position, then dropped and the ops
 * it cut decided again. Starting from all and dropping the refused ones gives
 * one answer for a set of ops, whatever order they arrived in.
 */
export class Revocations {
  private readonly candidates = new Map<string, Revocation>();
  private readonly dropped = new Set<string>();

  /** The last op number `device` may sign, by the revocations held; undefined: no cut. */
  cutOf(device: string): number | undefined {
    let cut: number | undefined;
    for (const [id, r] of this.candidates) {
      if (r.device === device && !this.dropped.has(id) && (cut === undefined || r.afterSeq < cut)) {
        cut = r.afterSeq;
      }
    }
    return cut;
  }

  /** The revocation an op makes, if it is a candidate. */
  of(id: string): Revocation | undefined {
    return this.candidates.get(id);
  }

  isDropped(id: string): boolean {
    return this.dropped.has(id);
  }

  /**
   * Takes a signed revokeDevice op as a candidate, or forgets one no longer
   * signed; returns the revocation whose holding that changes, if any.
   */
  consider(id: string, revocation: Revocation | null): Revocation | null {
    const known = this.candidates.get(id);
    if (!revocation) {
      const held = known && !this.dropped.has(id);
      this.candidates.delete(id);
      this.dropped.delete(id);
      return held ? known : null;
    }
    this.candidates.set(id, revocation);
    return known ? null : revocation;
  }

  drop(id: string): void {
    this.dropped.add(id);
  }

  /** Takes dropped revocations as holding again, so they are decided afresh; returns them. */
  undrop(ids: Iterable<string>): Revocation[] {
    const again: Revocation[] = [];
    for (const id of ids) {
      if (this.dropped.delete(id)) again.push(this.candidates.get(id)!);
    }
    return again;
  }

  get droppedIds(): ReadonlySet<string> {
    return this.dropped;
  }

  get state(): RevocationsState {
    return { candidates: Object.fromEntries(this.candidates), dropped: [...this.dropped] };
  }

  restore(state: RevocationsState): void {
    this.candidates.clear();
    this.dropped.clear();
    for (const [id, r] of Object.entries(state.candidates)) this.candidates.set(id, r);
    for (const id of state.dropped) this.dropped.add(id);
  }
}
