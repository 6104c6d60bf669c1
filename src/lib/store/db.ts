import Dexie, { type EntityTable, type Table } from 'dexie';
import { emptyTenant, type PublicKeyJwk, type Tenant } from '../domain/types';
import type { WrapKeys } from '../replica/keyShares';
import type { TenantKey } from '../replica/sealing';
import type { Snapshot } from '../replica/snapshot';
import type {
  AssignmentRow,
  AuditRow,
  ConflictRow,
  ReadModelStamp,
  SubscriptionRow,
  UserRow,
} from './readModel';

/** A tenant this browser holds; its op log lives in its own y-indexeddb database. */
export interface TenantRecord {
  id: string;
  name: string;
  kind: 'demo' | 'created' | 'joined';
  /** Who this device acts as: the person bound to its key. */
  person: string;
  /** The tenant before its first op: `unbornTenant()` for every tenant this app makes. */
  base: Tenant;
  openedAt: number;
}

/** This device's identity in one tenant; the private key cannot be exported. */
export interface IdentityRecord {
  tenant: string;
  device: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: PublicKeyJwk;
  /** Its ECDH key pair for receiving the tenant key (absent on identities made before it existed). */
  wrap?: WrapKeys;
  /**
   * The tenant keys it holds (end-to-end encryption, replica/opCipher.ts):
   * raw, because an invitation passes them on. None: the tenant's ops are plain.
   */
  tenantKeys?: TenantKey[];
}

export interface SnapshotRecord {
  tenant: string;
  snapshot: Snapshot;
  savedAt: number;
  /** What the read-model tables hold for this tenant, written in the same transaction. */
  readModel?: ReadModelStamp;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type SeatsDb = Dexie & {
  tenants: EntityTable<TenantRecord, 'id'>;
  identities: EntityTable<IdentityRecord, 'tenant'>;
  snapshots: EntityTable<SnapshotRecord, 'tenant'>;
  settings: EntityTable<SettingRecord, 'key'>;
  users: Table<UserRow, [string, string]>;
  subscriptions: Table<SubscriptionRow, [string, string]>;
  assignments: Table<AssignmentRow, [string, string, string]>;
  conflicts: Table<ConflictRow, [string, string]>;
  audit: Table<AuditRow, [string, number]>;
};

export function openDb(name = 'seats'): SeatsDb {
  const db = new Dexie(name) as SeatsDb;
  db.version(1).stores({
    tenants: 'id, openedAt',
    identities: 'tenant',
    snapshots: 'tenant',
    settings: 'key',
  });
  // The read model (readModel.ts): rows keyed by tenant first, indexed as the screens ask.
  db.version(2).stores({
    users: '[tenant+id], [tenant+displayName], [tenant+department], [tenant+usageLocation]',
    subscriptions: '[tenant+id], [tenant+product]',
    assignments: '[tenant+subscription+user], [tenant+user]',
    conflicts: '[tenant+op], [tenant+at]',
    audit: '[tenant+position], [tenant+op], [tenant+author], [tenant+type]',
  });
  return db;
}

/**
 * The y-indexeddb database that holds one tenant's op log, beside the Dexie
 * database (`seats`) that holds this device's keys for it: two such databases
 * in one origin are two devices, each with its own log.
 */
export const opLogName = (db: SeatsDb, tenant: string) => `${db.name}-ops-${tenant}`;

/**
 * The tenant before its first op, the same on every device: createTenant sets
 * the billing account type, so a device that joins needs to know nothing first.
 */
export const unbornTenant = (): Tenant => emptyTenant('MOSA');
