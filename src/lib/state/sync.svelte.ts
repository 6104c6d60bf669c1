import type { InvitationBundle } from '$lib/replica/invitationBundle';
import type { SyncFileImport } from '$lib/replica/syncFile';
import type { RelayStatus } from '$lib/replica/transports/relay';
import type { TenantSession } from '$lib/store/tenantSession';
import { writeDeviceCode } from '$lib/ui/sync/deviceCode';

export interface RelaySettings {
  url: string;
  token: string;
  /** Whether to connect when the tenant opens (the person's last choice). */
  connected: boolean;
}

const settingsKey = (tenant: string) => `relay:${tenant}`;

/**
 * How this tenant's changes travel: the relay (when one is set and reachable)
 * and sync files. Nothing here is required for the app to work.
 */
export class SyncState {
  relay = $state<RelaySettings>({ url: '', token: '', connected: false });
  status = $state<RelayStatus | null>(null);
  /** What a Global Administrator pastes to enrol this device. */
  deviceCode = $state('');
  private disconnect: (() => void) | null = null;
  private session: TenantSession | null = null;

  /** Called when a tenant opens: reads its relay settings and reconnects if it was connected. */
  async attach(session: TenantSession): Promise<void> {
    this.detach();
    this.session = session;
    const stored = await session.db.settings.get(settingsKey(session.tenantId));
    const value = stored?.value as RelaySettings | undefined;
    this.relay = value ?? { url: '', token: '', connected: false };
    const identity = await session.db.identities.get(session.tenantId);
    this.deviceCode = identity
      ? writeDeviceCode({
          device: identity.device,
          publicKey: identity.publicJwk,
          ...(identity.wrap ? { wrapKey: identity.wrap.publicJwk } : {}),
        })
      : '';
    if (this.relay.connected && this.relay.url) await this.open();
  }

  detach(): void {
    this.disconnect?.();
    this.disconnect = null;
    this.status = null;
    this.session = null;
  }

  async connect(url: string, token: string): Promise<void> {
    this.relay = { url: url.trim(), token, connected: true };
    await this.saveSettings();
    await this.open();
  }

  async goOffline(): Promise<void> {
    this.disconnect?.();
    this.disconnect = null;
    this.status = null;
    this.relay = { ...this.relay, connected: false };
    await this.saveSettings();
  }

  /** A sync file of every op this device holds: for another admin, or as a backup. */
  async exportFile(now: number): Promise<Blob> {
    const session = this.requireSession();
    const { exportSyncFile } = await import('$lib/replica/syncFile');
    const bytes = await exportSyncFile(session.replica, { tenant: session.tenantId, now });
    return new Blob([bytes], { type: 'application/json' });
  }

  /** An invitation file: the invitation with every op, for a device that will never reach the relay. */
  async invitationFile(bundle: InvitationBundle, now: number): Promise<string> {
    const [{ invitationFile }, { bundledOps }] = await Promise.all([
      import('$lib/replica/invitationBundle'),
      import('$lib/store/invitations'),
    ]);
    return invitationFile(bundle, await bundledOps(this.requireSession(), now));
  }

  async importFile(file: File, now: number): Promise<SyncFileImport> {
    const session = this.requireSession();
    return session.importSyncFile(new Uint8Array(await file.arrayBuffer()), now);
  }

  private async open(): Promise<void> {
    const session = this.requireSession();
    // The relay client loads only when a relay is used: most starts never need it.
    const { connectRelay } = await import('$lib/replica/transports/relay');
    this.disconnect?.();
    this.disconnect = connectRelay(
      session.replica.doc,
      { url: this.relay.url, tenant: session.tenantId, token: this.relay.token },
      (status) => (this.status = status),
    );
  }

  private async saveSettings(): Promise<void> {
    const session = this.requireSession();
    await session.db.settings.put({
      key: settingsKey(session.tenantId),
      value: $state.snapshot(this.relay),
    });
  }

  private requireSession(): TenantSession {
    if (!this.session) throw new Error('No tenant is open.');
    return this.session;
  }
}

export const syncState = new SyncState();
