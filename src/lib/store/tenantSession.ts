import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { Catalogue } from '../domain/catalogue/catalogue';
import type { Command, Outcome } from '../domain/engine';
import type { BillingAccountType } from '../domain/types';
import { createDeviceKeys } from '../replica/deviceKeys';
import { createWrapKeys } from '../replica/keyShares';
import { newTenantKey } from '../replica/sealing';
import { Replica } from '../replica/replica';
import type { SyncFileImport } from '../replica/syncFile';
import { connectTabs } from '../replica/transports/tabs';
import { opLogName, unbornTenant, type SeatsDb, type TenantRecord } from './db';
import { SavedState } from './savedState';

export type Clock = () => number;

/** How long after a change the snapshot is written (changes in a burst share one write). */
const SAVE_DELAY_MS = 300;

/**
 * An open tenant in this browser: its op log persisted in IndexedDB, kept in
 * step with other tabs, replayed by a Replica, and its snapshot saved beside it.
 */
export class TenantSession {
  private listeners = new Set<() => void>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private disconnectTabs: () => void = () => {};
  private refreshing: Promise<void> = Promise.resolve();
  /** The last storage failure (a full disk, say), shown to the admin until a save succeeds. */
  storageError: string | null = null;
  /** Whether this start used the stored snapshot (true) or replayed the whole log. */
  restored = false;
  /** Whether the stored read model reflected the start's snapshot; if not, the first save rebuilds it. */
  readModelKept = false;
  private readonly saved: SavedState;

  private constructor(
    readonly db: SeatsDb,
    readonly tenantId: string,
    readonly replica: Replica,
    private readonly persistence: IndexeddbPersistence,
    private readonly clock: Clock,
  ) {
    this.saved = new SavedState(db, tenantId);
  }

  static async open(
    db: SeatsDb,
    tenantId: string,
    catalogue: Catalogue,
    clock: Clock = Date.now,
  ): Promise<TenantSession> {
    const [record, identity, stored] = await Promise.all([
      db.tenants.get(tenantId),
      db.identities.get(tenantId),
      db.snapshots.get(tenantId),
    ]);
    if (!record || !identity) throw new Error(`This browser holds no tenant "${tenantId}".`);
    const doc = new Y.Doc();
    const log = opLogName(db, tenantId);
    const persistence = new IndexeddbPersistence(log, doc);
    await persistence.whenSynced;
    // AES lives in its own chunk: the first screen needs none of it.
    const { OpCipher } = await import('../replica/opCipher');
    const replica = new Replica({
      device: identity.device,
      keys: {
        privateKey: identity.privateKey,
        publicKey: identity.publicKey,
        publicJwk: identity.publicJwk,
      },
      base: record.base,
      catalogue,
      doc,
      sealing: new OpCipher(identity.tenantKeys ?? []),
      ...(identity.wrap ? { wrapKeys: identity.wrap } : {}),
      // Not kept (a full disk), a key shared with this device comes back from the log at the next start.
      onKeys: (tenantKeys) => {
        db.identities.update(tenantId, { tenantKeys: [...tenantKeys] }).catch((error: unknown) => {
          session.storageError = `The tenant key could not be saved: ${error instanceof Error ? error.message : String(error)}. Free some space and keep this tab open until it saves.`;
        });
      },
    });
    const session = new TenantSession(db, tenantId, replica, persistence, clock);
    session.restored = stored ? await replica.restore(stored.snapshot) : false;
    session.readModelKept = await session.saved.check(stored, session.restored);
    await replica.refresh(clock());
    if (!session.readModelKept) session.scheduleSave();
    session.disconnectTabs = connectTabs(doc, log, () => session.changed());
    // A key share can arrive after the ops it opens: either wakes a refresh.
    for (const map of [replica.opMap, replica.shares]) {
      map.observe((_event, transaction) => {
        if (transaction.origin !== 'seats:local') session.changed();
      });
    }
    await db.tenants.update(tenantId, { openedAt: clock() });
    return session;
  }

  /** Makes a new tenant: this device's keys, an empty log, and the createTenant op (ROLE-4). */
  static async create(
    db: SeatsDb,
    input: {
      name: string;
      billingAccountType: BillingAccountType;
      creator: { id: string; displayName: string; usageLocation?: string };
    },
    catalogue: Catalogue,
    clock: Clock = Date.now,
    kind: TenantRecord['kind'] = 'created',
  ): Promise<{ session: TenantSession; outcome: Outcome }> {
    const tenantId = crypto.randomUUID();
    const device = `device-${crypto.randomUUID().slice(0, 8)}`;
    const [keys, wrap] = await Promise.all([createDeviceKeys(), createWrapKeys()]);
    await db.transaction('rw', db.tenants, db.identities, async () => {
      await db.tenants.add({
        id: tenantId,
        name: input.name,
        kind,
        person: input.creator.id,
        base: unbornTenant(),
        openedAt: clock(),
      });
      await db.identities.add({
        tenant: tenantId,
        device,
        ...keys,
        wrap,
        tenantKeys: [newTenantKey()],
      });
    });
    const session = await TenantSession.open(db, tenantId, catalogue, clock);
    const outcome = await session.execute(
      {
        type: 'createTenant',
        payload: {
          ...input,
          device: {
            id: device,
            publicKey: keys.publicJwk,
            wrapKey: wrap.publicJwk,
            ...(kind === 'demo' ? { shared: true } : {}),
          },
        },
      },
      null,
    );
    return { session, outcome };
  }

  get tenant() {
    return this.replica.tenant;
  }

  async execute(command: Command, author: string | null): Promise<Outcome> {
    await this.refreshing;
    const outcome = await this.replica.execute(command, author, this.clock());
    if (outcome.ok || 'op' in outcome) this.notifyAndSave();
    return outcome;
  }

  /**
   * Takes in a sync file, queued behind any other arrival so the screens hear
   * of it once its ops are replayed, then saves.
   */
  async importSyncFile(file: string | Uint8Array, now: number): Promise<SyncFileImport> {
    // Sync files are read and written in their own chunk, loaded when first used.
    const { importSyncFile } = await import('../replica/syncFile');
    const imported = this.refreshing.then(() =>
      importSyncFile(this.replica, file, { tenant: this.tenantId, now }),
    );
    this.refreshing = imported.then(
      () => {},
      () => {},
    );
    const result = await imported;
    if (result.ok) {
      for (const listener of this.listeners) listener();
      await this.save();
    }
    return result;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something arrived (another tab, the relay, a file): take it in, then tell the screens. */
  private changed(): void {
    this.refreshing = this.refreshing.then(async () => {
      await this.replica.refresh(this.clock());
      this.notifyAndSave();
    });
  }

  private notifyAndSave(): void {
    for (const listener of this.listeners) listener();
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
  }

  /**
   * Writes the snapshot and the read model now, in one transaction; a failure
   * (quota, say) is kept for the screens, never thrown away.
   */
  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    try {
      await this.saved.save(this.replica, this.clock());
      this.storageError = null;
    } catch (error) {
      this.storageError =
        error instanceof Error && error.name === 'QuotaExceededError'
          ? 'This device is out of storage space: your changes are kept in the change log, but the saved view could not be updated. Free some space, then reload.'
          : `Saving failed: ${error instanceof Error ? error.message : String(error)}`;
      for (const listener of this.listeners) listener();
    }
  }

  /** Waits for pending work, saves, and lets go of the database and channels. */
  async close(): Promise<void> {
    await this.refreshing;
    await this.save();
    this.disconnectTabs();
    await this.persistence.destroy();
    this.replica.doc.destroy();
  }
}
