import { loadCatalogue, type Catalogue } from '$lib/domain/catalogue/catalogue';
import type { Command, Outcome } from '$lib/domain/engine';
import { query, type Answered, type QueryName, type QueryValue } from '$lib/domain/queries';
import type { BillingAccountType, Tenant, User } from '$lib/domain/types';
import type { InvitationBundle } from '$lib/replica/invitationBundle';
import type { TentativeSubjects } from '$lib/replica/replica';
import type { SyncFileError } from '$lib/replica/syncFile';
import { openDb, type SeatsDb, type TenantRecord } from '$lib/store/db';
import type { Invited, Spent } from '$lib/store/invitations';
import { joinTenant } from '$lib/store/joinTenant';
import { TenantSession } from '$lib/store/tenantSession';
import { syncState } from './sync.svelte';

const CURRENT_TENANT = 'currentTenant';
/** Time moves on while a page is open: statuses and windows are re-read once a minute. */
const TICK_MS = 60_000;

/** How long a joining device waits for the tenant's ops to bring its invitation. */
const INVITATION_WAIT_MS = 30_000;

export type JoinStep = 'importing' | 'connecting' | 'waiting' | 'enrolling';

export type JoinResult =
  Spent | { ok: false; fileError: SyncFileError } | { ok: false; notArrived: { relay: boolean } };

const NONE_TENTATIVE: TentativeSubjects = { users: new Set(), subscriptions: new Set() };

/**
 * The open tenant, as the pages see it: the engine's answers, re-read whenever
 * an op lands (here, in another tab, from the relay or a file). Pages never
 * decide a rule; they call `query` and `run` and show what comes back.
 */
export class TenantState {
  db: SeatsDb | null = null;
  catalogue: Catalogue | null = null;
  session = $state.raw<TenantSession | null>(null);
  record = $state.raw<TenantRecord | null>(null);
  /** Tenants this browser holds, most recently opened first. */
  held = $state.raw<TenantRecord[]>([]);
  /** Bumped on every change, so anything reading the tenant re-derives. */
  version = $state(0);
  /** Who the commands are run as: this device's person, or (in the demo only) anyone. */
  actingAs = $state('');
  ready = $state(false);
  loadError = $state<string | null>(null);
  private unsubscribe: () => void = () => {};
  private ticker: ReturnType<typeof setInterval> | null = null;

  /** Opens the database and the tenant last used in this browser, if any. */
  async start(): Promise<void> {
    if (this.ready) return;
    try {
      this.db = openDb();
      this.catalogue = await loadCatalogue();
      await this.refreshHeld();
      const current = await this.db.settings.get(CURRENT_TENANT);
      if (typeof current?.value === 'string' && this.held.some((t) => t.id === current.value)) {
        await this.open(current.value);
      }
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    }
    this.ready = true;
  }

  get tenant(): Tenant | null {
    void this.version;
    return this.session?.tenant ?? null;
  }

  /** People and subscriptions with applied changes not yet seen by every device. */
  get tentative(): TentativeSubjects {
    void this.version;
    return this.session?.replica.tentative() ?? NONE_TENTATIVE;
  }

  get isDemo(): boolean {
    return this.record?.kind === 'demo';
  }

  /** The person commands run as; null when the tenant does not know them (yet). */
  get me(): User | null {
    return this.tenant?.users[this.actingAs] ?? null;
  }

  now(): number {
    return Date.now();
  }

  /** Asks the engine; re-runs in any `$derived` when the tenant changes. */
  query<N extends QueryName>(name: N, args: Record<string, unknown> = {}): Answered<QueryValue<N>> {
    void this.version;
    if (!this.session || !this.catalogue) {
      return {
        ok: false,
        refusal: { code: 'NOT_FOUND', message: 'No tenant is open.', remedy: 'Open a tenant.' },
      };
    }
    return query(this.session.tenant, name, args, {
      now: this.now(),
      author: this.actingAs || null,
      catalogue: this.catalogue,
    });
  }

  /** Runs a command as `actingAs`: refused commands leave nothing behind. */
  async run(type: Command['type'], payload: unknown): Promise<Outcome> {
    if (!this.session) {
      return {
        ok: false,
        refusal: { code: 'NOT_FOUND', message: 'No tenant is open.', remedy: 'Open a tenant.' },
      };
    }
    const outcome = await this.session.execute({ type, payload }, this.actingAs || null);
    this.version++;
    return outcome;
  }

  async open(tenantId: string): Promise<void> {
    const { db, catalogue } = this.requireStarted();
    await this.close();
    const session = await TenantSession.open(db, tenantId, catalogue);
    await this.adopt(session);
  }

  async openDemo(type: BillingAccountType = 'MCA'): Promise<void> {
    const { db, catalogue } = this.requireStarted();
    const existing = this.held.find((t) => t.kind === 'demo');
    if (existing) return this.open(existing.id);
    await this.close();
    // The demo's people and subscriptions are needed once per browser: loaded only then.
    const { createDemoTenant } = await import('$lib/store/demoTenant');
    await this.adopt(await createDemoTenant(db, type, catalogue));
  }

  async create(input: {
    name: string;
    billingAccountType: BillingAccountType;
    creator: { id: string; displayName: string; usageLocation?: string };
  }): Promise<Outcome> {
    const { db, catalogue } = this.requireStarted();
    await this.close();
    const { session, outcome } = await TenantSession.create(db, input, catalogue);
    await this.adopt(session);
    return outcome;
  }

  /** This browser becomes a new device of an existing tenant (see joinTenant). */
  async join(tenantId: string): Promise<void> {
    const { db, catalogue } = this.requireStarted();
    await this.close();
    await this.adopt(await joinTenant(db, tenantId.trim(), catalogue));
  }

  /** SYNC-5: an invitation for `person`, to pass on with its secret; it names the relay in use. */
  async invite(person: string, hours?: number): Promise<Invited> {
    const session = this.requireSession();
    const relay = syncState.relay.url
      ? { url: syncState.relay.url, token: syncState.relay.token }
      : undefined;
    // Invitations load only when one is made or used: most starts never need them.
    const { invite } = await import('$lib/store/invitations');
    const invited = await invite(session, { person, hours, author: this.actingAs || null, relay });
    this.version++;
    return invited;
  }

  /**
   * SYNC-5: this browser joins a tenant with an invitation: its own keys, the
   * tenant's ops (from the invitation file, or the relay it names), then the
   * op that enrols it as the invited person. Whatever fails, the device and
   * what it received stay, so opening the invitation again picks up from there.
   */
  async joinWithInvitation(
    bundle: InvitationBundle,
    onStep: (step: JoinStep) => void = () => {},
  ): Promise<JoinResult> {
    const { db, catalogue } = this.requireStarted();
    const { importBundledOps, invitationArrived, spendInvitation } =
      await import('$lib/store/invitations');
    await this.close();
    await this.adopt(
      await joinTenant(db, bundle.tenant, catalogue, {
        name: bundle.tenantName,
        ...(bundle.keys ? { tenantKeys: bundle.keys } : {}),
      }),
    );
    const session = this.requireSession();
    if (bundle.sync) {
      onStep('importing');
      const imported = await importBundledOps(session, bundle, this.now());
      if (!imported.ok) return { ok: false, fileError: imported.error };
    }
    if (bundle.relay) {
      onStep('connecting');
      await syncState.connect(bundle.relay.url, bundle.relay.token);
    }
    onStep('waiting');
    const wait = bundle.relay ? INVITATION_WAIT_MS : 0;
    if (!(await invitationArrived(session, bundle.invitation, wait))) {
      return { ok: false, notArrived: { relay: !!bundle.relay } };
    }
    onStep('enrolling');
    const outcome = await spendInvitation(session, bundle);
    this.record = (await db.tenants.get(session.tenantId)) ?? this.record;
    if (outcome.ok) this.actingAs = this.record?.person ?? this.actingAs;
    await this.refreshHeld();
    this.version++;
    return outcome;
  }

  /** This device's id in the open tenant. */
  get device(): string | null {
    return this.session?.replica.device ?? null;
  }

  /** Whether the tenant has enrolled this device's key yet (a joining device waits for it). */
  get enrolled(): boolean {
    const device = this.device;
    return device !== null && !!this.tenant?.devices[device];
  }

  async close(): Promise<void> {
    syncState.detach();
    this.unsubscribe();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    const session = this.session;
    this.session = null;
    this.record = null;
    await session?.close();
  }

  private async adopt(session: TenantSession): Promise<void> {
    const db = this.db!;
    this.session = session;
    this.record = (await db.tenants.get(session.tenantId)) ?? null;
    this.actingAs = this.record?.person ?? '';
    this.unsubscribe = session.subscribe(() => this.changed());
    this.ticker = setInterval(() => this.version++, TICK_MS);
    await db.settings.put({ key: CURRENT_TENANT, value: session.tenantId });
    await this.refreshHeld();
    await syncState.attach(session);
    this.changed();
  }

  /** A joined device learns who it acts as, and the tenant's name, from the ops that arrive. */
  private changed(): void {
    this.version++;
    const tenant = this.session?.tenant;
    const device = this.session?.replica.device;
    if (!tenant || !device || !this.record) return;
    const person = tenant.devices[device]?.person ?? '';
    if (this.record.kind !== 'demo' && person && person !== this.actingAs) this.actingAs = person;
    if (tenant.name && tenant.name !== this.record.name) {
      this.record = { ...this.record, name: tenant.name, person: person || this.record.person };
      void this.db?.tenants.put(this.record);
    }
  }

  private async refreshHeld(): Promise<void> {
    this.held = await this.db!.tenants.orderBy('openedAt').reverse().toArray();
  }

  private requireSession(): TenantSession {
    if (!this.session) throw new Error('No tenant is open.');
    return this.session;
  }

  private requireStarted(): { db: SeatsDb; catalogue: Catalogue } {
    if (!this.db || !this.catalogue) throw new Error('The app has not started yet.');
    return { db: this.db, catalogue: this.catalogue };
  }
}

export const tenantState = new TenantState();
