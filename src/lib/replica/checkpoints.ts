/** The state (tenant and conflicts, as JSON) after the first `index` ops in replay order. */
export interface Checkpoint {
  index: number;
  state: string;
}

/**
 * States of earlier snapshots, kept so that a replay restored from a snapshot
 * (whose ops have no changes to undo) can rewind to one a little way back
 * instead of replaying everything from the base. One is stored with each
 * snapshot: at least `spacing` ops behind it once the log has grown that much.
 */
export class Checkpoints {
  private older: Checkpoint | null = null;
  private latest: Checkpoint | null = null;

  constructor(private readonly spacing: number) {}

  /** A replay restored at `latest`, with the checkpoint stored beside it. */
  restored(latest: Checkpoint, older: Checkpoint | null): void {
    this.latest = latest;
    this.older = older && older.index < latest.index ? older : null;
  }

  /** Notes a snapshot's state; returns the checkpoint to store with it. */
  taken(index: number, state: string): Checkpoint | null {
    if (!this.latest || index - this.latest.index >= this.spacing) {
      if (this.latest) this.older = this.latest;
      this.latest = { index, state };
    }
    return this.older;
  }

  /** Ops from `index` on were taken back: a state after more ops no longer describes a prefix. */
  rewound(index: number): void {
    if (this.latest && this.latest.index > index) this.latest = null;
    if (this.older && this.older.index > index) this.older = null;
  }

  /** The latest state at or before `index`, if any. */
  at(index: number): Checkpoint | null {
    if (this.latest && this.latest.index <= index) return this.latest;
    return this.older && this.older.index <= index ? this.older : null;
  }
}
