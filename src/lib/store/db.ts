import Dexie, { type EntityTable } from 'dexie';
import { emptyTenant, type PublicKeyJwk, type Tenant } from '../domain/types';
import type { Snapshot } from '../replica/snapshot';

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
}

export interface SnapshotRecord {
  tenant: string;
  snapshot: Snapshot;
  savedAt: number;
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
};

export function openDb(name = 'seats'): SeatsDb {
  const db = new Dexie(name) as SeatsDb;
  db.version(1).stores({
    tenants: 'id, openedAt',
    identities: 'tenant',
    snapshots: 'tenant',
    settings: 'key',
  });
  return db;
}

/** The y-indexeddb database that holds one tenant's op log. */
export const opLogName = (tenant: string) => `seats-ops-${tenant}`;

/**
 * The tenant before its first op, the same on every device: createTenant sets
 * the billing account type, so a device that joins needs to know nothing first.
 */
export const unbornTenant = (): Tenant => emptyTenant('MOSA');
