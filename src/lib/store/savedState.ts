import Dexie, { type Table } from 'dexie';
import type { Replica } from '../replica/replica';
import type { Snapshot } from '../replica/snapshot';
import type { SeatsDb, SnapshotRecord } from './db';
import {
  changesBetween,
  READ_MODEL_TABLES,
  readModelFrom,
  readModelOf,
  rowKey,
  type ReadModel,
  type ReadModelStamp,
  type ReadModelTable,
  type Row,
} from './readModel';

/**
 * A tenant's saved state: the snapshot (the replay's checkpoint) and the read
 * model, always written together in one Dexie transaction, so that a crash
 * never leaves them describing different ops. The snapshot is checked against
 * the op log on start (Replica.restore); the read model against the snapshot.
 */
export class SavedState {
  /** The read model this session last wrote, with the digest of its ops. */
  private written: { digest: string; model: ReadModel } | null = null;
  /** Whether the tables are known to match their stamp (checked on start, or written here). */
  private trusted = false;

  constructor(
    private readonly db: SeatsDb,
    private readonly tenantId: string,
  ) {}

  /**
   * On start, right after the replica restored (or failed to restore) the
   * stored snapshot: whether the stored read model reflects that snapshot
   * (its stamp names it, and each table holds as many rows as the stamp says).
   * If not, the next save writes it whole.
   */
  async check(record: SnapshotRecord | undefined, restored: boolean): Promise<boolean> {
    const stamp = record?.readModel;
    if (!restored || !stamp || stamp.digest !== record.snapshot.digest) return false;
    const counts = await Promise.all(READ_MODEL_TABLES.map((table) => this.rowsOf(table).count()));
    this.trusted = READ_MODEL_TABLES.every((table, i) => counts[i] === stamp.rows[table]);
    return this.trusted;
  }

  /**
   * Writes the snapshot and the read model of the replica as it stands. Only
   * rows that differ from the stored ones are written; the stored ones are
   * those this session last wrote, or else they are read back (once, after a
   * start or when another tab wrote), or, when not trusted, replaced whole.
   */
  async save(replica: Replica, savedAt: number): Promise<void> {
    let snapshot: Snapshot;
    let model: ReadModel;
    for (;;) {
      const revision = replica.revision;
      snapshot = await replica.snapshot();
      // The rows must be of the same state as the snapshot: taken before anything else changes.
      if (replica.revision === revision) {
        const { tenant, conflicts } = replica;
        model = readModelOf(
          this.tenantId,
          tenant,
          conflicts,
          replica.activity(),
          this.written?.model,
        );
        break;
      }
    }
    const { digest } = snapshot;
    const rows = Object.fromEntries(
      READ_MODEL_TABLES.map((table) => [table, model[table].size]),
    ) as ReadModelStamp['rows'];
    await this.db.transaction(
      'rw',
      [this.db.snapshots, ...READ_MODEL_TABLES.map((table) => this.db[table])],
      async () => {
        const stamp = (await this.db.snapshots.get(this.tenantId))?.readModel;
        const trusted = this.trusted && stamp !== undefined;
        // Rows of the same ops are the same rows: another tab may have written them already.
        if (!trusted || stamp.digest !== digest) {
          const stored = !trusted
            ? null
            : this.written?.digest === stamp.digest
              ? this.written.model
              : await this.read();
          await this.write(stored, model);
        }
        await this.db.snapshots.put({
          tenant: this.tenantId,
          snapshot,
          savedAt,
          readModel: { digest, rows },
        });
      },
    );
    this.written = { digest, model };
    this.trusted = true;
  }

  private async read(): Promise<ReadModel> {
    const rows = await Promise.all(READ_MODEL_TABLES.map((table) => this.rowsOf(table).toArray()));
    return readModelFrom(
      Object.fromEntries(READ_MODEL_TABLES.map((table, i) => [table, rows[i]])) as Record<
        ReadModelTable,
        Row[]
      >,
    );
  }

  /** Writes what differs from `stored`; without it, replaces the tenant's rows whole. */
  private async write(stored: ReadModel | null, model: ReadModel): Promise<void> {
    const changes = changesBetween(stored, model);
    await Promise.all(
      READ_MODEL_TABLES.map(async (table) => {
        const { put, remove } = changes[table];
        if (!stored) await this.rowsOf(table).delete();
        else if (remove.length) {
          await this.table(table).bulkDelete(remove.map((row) => rowKey(table, row)));
        }
        if (put.length) await this.table(table).bulkPut(put);
      }),
    );
  }

  private table(table: ReadModelTable) {
    return this.db[table] as Table<Row, unknown>;
  }

  /** The tenant's rows of a table (every primary key starts with the tenant id). */
  private rowsOf(table: ReadModelTable) {
    return this.table(table)
      .where(':id')
      .between([this.tenantId, Dexie.minKey], [this.tenantId, Dexie.maxKey], true, true);
  }
}
